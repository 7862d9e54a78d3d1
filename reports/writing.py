"""Writing generated pages: only when their text changed."""

from pathlib import Path

from crtdiff.store.atomic import atomic_write_bytes


def write_if_changed(path: Path, text: str | bytes) -> bool:
    """Write `text` (str as UTF-8) atomically unless the file already holds it; True when
    written.

    Cross-country pages are rendered together, but most of them stay the same when one country
    changes: an unchanged file keeps its time stamp (and a static server's caches stay valid).
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        # A file of another size differs: not read (the explorer's data is tens of megabytes).
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    atomic_write_bytes(path, data)
    return True


def remove_other_pages(folder: Path, kept: set[str]) -> None:
    """Delete the `.html` files of `folder` not in `kept` (a group no longer named anywhere)."""
    if not folder.is_dir():
        return
    for path in folder.glob("*.html"):
        if path.name not in kept:
            path.unlink(missing_ok=True)
