"""Progress reporting from the flow to whoever runs it (the CLI's progress display).

A module-level listener rather than a flow parameter: flow parameters travel with the run
context to worker processes, and a progress bar holds locks that cannot be pickled.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

Listener = Callable[[str, int, int | None], None]
"""listener(stage, advance, total): `total` when a stage announces its size, else None."""

_listeners: list[Listener] = []
_labels: list[str] = []


def report(stage: str, advance: int = 0, total: int | None = None) -> None:
    """Tell the listeners a stage advanced or announced its size (no-op when nobody listens)."""
    if _labels:
        stage = f"{stage} ({_labels[-1]})"
    for listener in _listeners:
        listener(stage, advance, total)


@contextmanager
def stage_label(label: str | None) -> Iterator[None]:
    """Stages reported while the block runs carry `label` (a run over several series shows
    each series' stages as its own: `ingest (hrr)`); None adds nothing."""
    if label is None:
        yield
        return
    _labels.append(label)
    try:
        yield
    finally:
        _labels.remove(label)


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Receive progress while the block runs."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)
