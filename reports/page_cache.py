"""What the pages across countries were made from last time, so that a run renders only the
group and year pages whose own inputs changed.

Each such page has a key (the code that renders it, and the keys of the chapters and
comparisons it shows, see CountrySummary.units); the manifest records the key each file was
written from, and the result store keeps, under the same key, the row the page's index shows
about it (so that an index is rendered without making every page's content again).
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from crtdiff.reports.writing import write_if_changed
from crtdiff.store.fingerprint import digest

ROWS = "pages"
"""Result-store kind of the index rows."""


class RowStore(Protocol):
    """Where index rows are kept (the result store)."""

    def load_json(self, kind: str, key: str) -> Any:
        """A stored value, or None when missing or damaged."""

    def save_json(self, kind: str, key: str, value: Any) -> None:
        """Store a value."""


@dataclass
class PageCache:
    """The pages written before and their keys; what this run renders or keeps."""

    out_dir: Path
    code: str = ""
    """Digest of the rendering code: part of every key."""
    before: dict[str, str] = field(default_factory=dict)
    """Page (relative to out_dir) → the key it was written from, by an earlier run."""
    rows: RowStore | None = None
    pages: dict[str, str] = field(default_factory=dict)
    """Every keyed page of this run, rendered or kept, with its key."""
    rendered: list[str] = field(default_factory=list)
    """Pages rendered in this run (whether or not their text changed)."""

    def key(self, *parts: str | None) -> str | None:
        """A page's key from its parts; None when one is unknown (the page is then always
        rendered)."""
        if any(part is None for part in parts):
            return None
        return digest(self.code, *(part or "" for part in parts))

    def kept_row(self, relative: str, key: str | None) -> dict[str, Any] | None:
        """The index row of a page still holding `key`, or None when it must be rendered."""
        if key is None or self.rows is None or self.before.get(relative) != key:
            return None
        if not (self.out_dir / relative).is_file():
            return None
        row = self.rows.load_json(ROWS, key)
        if not isinstance(row, dict):
            return None
        self.pages[relative] = key
        return row

    def is_kept(self, relative: str, key: str | None) -> bool:
        """True when a page without an index row still holds `key` (nothing to render)."""
        kept = key is not None and self.before.get(relative) == key
        if kept and (self.out_dir / relative).is_file():
            self.pages[relative] = key or ""
            return True
        return False

    def write(
        self, relative: str, key: str | None, text: str, row: dict[str, Any] | None = None
    ) -> None:
        """Write a rendered page (unless its file already holds the text) and keep its row."""
        write_if_changed(self.out_dir / relative, text)
        self.rendered.append(relative)
        if key is None:
            return
        self.pages[relative] = key
        if row is not None and self.rows is not None:
            self.rows.save_json(ROWS, key, row)
