"""Progress reporting from the flow to whoever runs it (the CLI's progress bar).

A module-level listener rather than a flow parameter: flow parameters travel with the run
context to worker processes, and a progress bar holds locks that cannot be pickled.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

Listener = Callable[[str, int], None]
"""listener(stage, advance)."""

_listeners: list[Listener] = []


def report(stage: str, advance: int = 0) -> None:
    """Tell the listeners a stage advanced (no-op when nobody listens)."""
    for listener in _listeners:
        listener(stage, advance)


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Receive progress while the block runs."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)
