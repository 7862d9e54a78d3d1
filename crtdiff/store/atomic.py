"""Atomic file writes: a reader sees the old complete file or the new complete file, never half."""

import itertools
import os
import re
import time
from collections.abc import Iterable
from pathlib import Path

_TEMPORARY = re.compile(r"^\..+\.(?P<pid>\d+)\.[^.]+\.tmp$")
_ORPHAN_AGE_S = 3600.0
"""Age past which a temporary file that names no process is taken for a killed writer's."""


def _mode_of(path: str) -> int | None:
    """The mode of the file `path` replaces, or None when there is none (the new file then
    gets the umask's mode, 0644 under 022: mkstemp's 0600 would keep a web server running as
    another user out of the site), so that an edit does not change who may read the
    catalogue."""
    try:
        return os.stat(path).st_mode & 0o7777  # noqa: PTH116 (see _open_temporary)
    except OSError:
        return None


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` survive a power cut (the new name lives in the folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return  # not every platform opens folders
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_SERIAL = itertools.count()
"""Numbers the temporary files of this process (with its id, a unique name: no random name
to make and try, as mkstemp does)."""
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
_CREATE |= getattr(os, "O_NOFOLLOW", 0)


def _open_temporary(path: str, mode: int) -> tuple[int, str]:
    """A new temporary file beside `path` (`.<name>.<pid>.<serial>.tmp`), created with `mode`
    less the umask, its folder made only when missing (a mkdir per write, mostly of folders
    that exist, cost a fifth of each write). Paths as strings, os calls: pathlib's objects
    cost microseconds per call, and a cold run writes a dozen files per chapter."""
    folder, name = os.path.split(path)
    prefix = os.path.join(folder, f".{name}.{os.getpid()}.")  # noqa: PTH118
    made = False
    while True:
        temporary = f"{prefix}{next(_SERIAL)}.tmp"
        try:
            return os.open(temporary, _CREATE, mode), temporary
        except FileExistsError:  # left by a killed process that had the same id
            continue
        except FileNotFoundError:
            if made:
                raise
            Path(folder).mkdir(parents=True, exist_ok=True)
            made = True


_GATHER = 1 << 16
"""Pieces smaller than this together are joined into one write (a file of many short CSV
rows); a larger piece is written as it is."""


def _write_all(fd: int, pieces: Iterable[bytes | memoryview]) -> None:
    """Write `pieces` to `fd` in order, with os.write: a file object (os.fdopen) would cost
    three system calls of its own (fstat, lseek, ioctl) and its buffers for every file, and
    a cold run writes a dozen files per chapter, most of them in one piece."""
    gathered: list[memoryview] = []
    size = 0
    for piece in pieces:
        view = memoryview(piece).cast("B")
        if gathered and size + view.nbytes > _GATHER:
            _write_fully(fd, gathered)
            gathered, size = [], 0
        gathered.append(view)
        size += view.nbytes
    if gathered:
        _write_fully(fd, gathered)


def _write_fully(fd: int, views: list[memoryview]) -> None:
    """Write one view, or several short ones joined, whole (os.write may write less)."""
    rest = views[0] if len(views) == 1 else memoryview(b"".join(views))
    while rest:
        rest = rest[os.write(fd, rest) :]


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Write `data` to `path` atomically (see atomic_write_pieces)."""
    atomic_write_pieces(path, [data], durable=durable)


def atomic_write_pieces(
    path: Path, pieces: Iterable[bytes | memoryview], *, durable: bool = False
) -> None:
    """Write `pieces` one after the other to `path` (never joined in memory, but for short
    ones gathered into one write) through a temporary file in the same folder and a rename.

    The rename alone makes the write atomic for every reader, including after the writer is
    killed. `durable` also flushes the file, then its folder, to disk around the rename, so
    that it survives a power cut: worth its cost only for files that cannot be rebuilt; a run
    flushes its generated files once, with `flush_to_disk`. The temporary file's name carries
    the writer's process id, so that another process's clean-up never removes it mid-write.
    """
    target = os.fspath(path)
    mode = _mode_of(target)
    fd, tmp = _open_temporary(target, 0o666 if mode is None else mode)
    try:
        try:
            if mode is not None:  # the umask must not narrow the mode of the file replaced
                os.fchmod(fd, mode)
            _write_all(fd, pieces)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)  # noqa: PTH105 (see _open_temporary)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if durable:
        _sync_folder(path.parent)


def atomic_write_text(path: Path, text: str, *, durable: bool = False) -> None:
    """Write UTF-8 text atomically."""
    atomic_write_bytes(path, text.encode("utf-8"), durable=durable)


def flush_to_disk() -> None:
    """Commit every file written so far to disk (before a manifest vouches for them)."""
    if hasattr(os, "sync"):  # POSIX; elsewhere the files reach the disk in their own time
        os.sync()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's live process
    except OSError:
        return False
    return True


def _orphaned(folder: str, name: str, now: float) -> bool:
    match = _TEMPORARY.match(name)
    if match is not None:
        return not _alive(int(match.group("pid")))
    try:  # a temporary file of an older version, without a process id
        return now - os.stat(os.path.join(folder, name)).st_mtime > _ORPHAN_AGE_S  # noqa: PTH116,PTH118
    except OSError:
        return False


def remove_stale_temporaries(folder: Path) -> int:
    """Delete temporary files a killed writer left behind (`.<name>.<pid>.<random>.tmp`),
    never those of a writer still running (another `crtdiff run` or `add` at the same time)."""
    removed = 0
    now = time.time()
    for root, _dirs, files in os.walk(folder):  # os.walk: ~6x faster than Path.rglob here
        for name in files:
            if name.startswith(".") and name.endswith(".tmp") and _orphaned(root, name, now):
                (Path(root) / name).unlink(missing_ok=True)
                removed += 1
    return removed


CLEAN_END = ".crtdiff-clean-end"
"""Left in an output folder by a run that ended normally (consumed by the next run)."""


def sweep_unless_clean_end(out_dir: Path, folders: list[Path]) -> int:
    """Remove the stale temporaries of `folders` unless the last run in `out_dir` ended
    normally (then none of its writers was killed mid-write: the walk of every file of a
    10,000-chapter archive, a tenth of a second or more, is skipped); returns how many were
    removed. The mark is used up: if this run is killed, the next one sweeps."""
    mark = out_dir / CLEAN_END
    try:
        mark.unlink()
        return 0
    except FileNotFoundError:
        return sum(remove_stale_temporaries(folder) for folder in folders)


def mark_clean_end(out_dir: Path) -> None:
    """Record that the run in `out_dir` ended without leaving temporaries behind."""
    (out_dir / CLEAN_END).touch()
