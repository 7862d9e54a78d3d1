"""Progress reporting from the flow to whoever runs it (the CLI's progress display).

A module-level listener rather than a flow parameter: flow parameters travel with the run
context to worker processes, and a progress bar holds locks that cannot be pickled.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

Listener = Callable[[str, int, int | None], None]
"""listener(stage, advance, total): `total` when a stage announces its size, else None."""

_listeners: list[Listener] = []


def report(stage: str, advance: int = 0, total: int | None = None) -> None:
    """Tell the listeners a stage advanced or announced its size (no-op when nobody listens)."""
    for listener in _listeners:
        listener(stage, advance, total)


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Receive progress while the block runs."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)
