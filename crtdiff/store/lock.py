"""Locks between crtdiff processes: one run per output folder, one writer of a catalogue or of
a snapshot index at a time (filelock: an OS-level lock, released when its process dies)."""

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from crtdiff.errors import WorkspaceError

RUN_LOCK = ".crtdiff.lock"
_HELD: set[str] = set()
"""Locks this process holds: taking one again (the flow inside `crtdiff run`) is a no-op, where
a second OS-level lock on the same file would wait for ourselves."""
DEFAULT_RUN_WAIT_S = 600.0
"""How long a second run waits for the first (CRTDIFF_LOCK_TIMEOUT overrides it)."""


def run_wait_s() -> float:
    """Seconds a run waits for the workspace lock: CRTDIFF_LOCK_TIMEOUT, else 10 minutes."""
    try:
        return max(0.0, float(os.environ.get("CRTDIFF_LOCK_TIMEOUT", DEFAULT_RUN_WAIT_S)))
    except ValueError:
        return DEFAULT_RUN_WAIT_S


def _holder(owner: Path) -> str:
    try:
        info = json.loads(owner.read_text(encoding="utf-8"))
        return f"the crtdiff process {info['pid']} ({info['command']}, since {info['since']})"
    except (OSError, ValueError, KeyError, TypeError):
        return "another crtdiff process"


@contextmanager
def exclusive(
    lock_path: Path, wait_s: float, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the lock at `lock_path` for the block, waiting up to `wait_s` seconds for another
    process to release it; WorkspaceError when it does not (or the folder is not writable)."""
    held = os.path.abspath(lock_path)  # noqa: PTH100  (the path may not exist yet)
    if held in _HELD:
        yield
        return
    owner = lock_path.with_name(lock_path.name + ".owner")
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(lock_path)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if on_wait is not None:
                on_wait(f"waiting for {_holder(owner)} to finish (lock {lock_path})")
            lock.acquire(timeout=wait_s)
    except Timeout as exc:
        raise WorkspaceError(
            str(lock_path.parent),
            f"in use by {_holder(owner)}; gave up after {wait_s:.0f} s "
            "(try again when it ends, or set CRTDIFF_LOCK_TIMEOUT)",
        ) from exc
    except OSError as exc:
        raise WorkspaceError(
            str(lock_path.parent), f"cannot lock the folder ({exc.strerror or exc})"
        ) from exc
    _HELD.add(held)
    try:
        with suppress(OSError):
            since = datetime.now(UTC).replace(microsecond=0).isoformat()
            command = " ".join(["crtdiff", *sys.argv[1:2]])
            owner.write_text(json.dumps({"pid": os.getpid(), "command": command, "since": since}))
        yield
    finally:
        _HELD.discard(held)
        with suppress(OSError):
            owner.unlink()
        lock.release()


def run_lock(
    out_dir: Path, on_wait: Callable[[str], None] | None = None
) -> AbstractContextManager[None]:
    """The workspace lock a run holds on its output folder for its whole length."""
    return exclusive(out_dir / RUN_LOCK, run_wait_s(), on_wait)


def editing(path: Path, wait_s: float = 120.0) -> AbstractContextManager[None]:
    """The lock held while a file (catalogue, snapshot index) is read, changed and written."""
    return exclusive(path.with_name(f".{path.name}.lock"), wait_s)
