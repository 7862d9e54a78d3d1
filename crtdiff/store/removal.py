"""Folders removed in the background: a replaced folder (a country's old search bundle, a
hundred files) is unlinked while the run goes on, and the run waits for it only at its end."""

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_pending: list[threading.Thread] = []
_lock = threading.Lock()


def remove_in_background(folder: Path) -> None:
    """Start removing `folder` (already out of the way: renamed, unused) in a thread; a
    process waits for such threads before it exits, and removals_finished for those started
    in its block."""
    thread = threading.Thread(
        target=shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True},
        name=f"crtdiff-remove-{folder.name}",
    )  # fmt: skip
    with _lock:
        _pending.append(thread)
    thread.start()


@contextmanager
def removals_finished() -> Iterator[None]:
    """The block, then every background removal of this process waited for: what a run leaves
    behind is complete when it returns."""
    try:
        yield
    finally:
        with _lock:
            threads = list(_pending)
            _pending.clear()
        for thread in threads:
            thread.join()
