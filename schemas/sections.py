"""CRT's canonical sections as data (data/reference/sections.csv): key, display name, order.

The schema's section keys, the headings and topics tables, the headline and the site's heatmap
all read this one table, so adding or renaming a section is an edit of the CSV."""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from crtdiff.csv_table import read_rows
from crtdiff.errors import ConfigError
from crtdiff.paths import REFERENCE_DIR

SECTIONS_FILE = REFERENCE_DIR / "sections.csv"
BODY_KEY = "body"
"""The key of text no heading or topic divides: in the table, never a heading's key."""
_COLUMNS = ["key", "name", "order", "note"]
_KEY = re.compile(r"^[a-z][a-z_]*$")


@dataclass(frozen=True)
class SectionRow:
    """One canonical section."""

    key: str
    name: str
    order: int


@lru_cache(maxsize=4)
def load_sections(path: Path = SECTIONS_FILE) -> tuple[SectionRow, ...]:
    """The table's rows, validated, in their `order`."""
    rows: list[SectionRow] = []
    for line, row in read_rows(path, _COLUMNS, "sections table"):
        where = f"{path.name} line {line}"
        key, name, order = row["key"].strip(), row["name"].strip(), row["order"].strip()
        if not _KEY.match(key) or any(r.key == key for r in rows):
            raise ConfigError(where, f"key {key!r} must be a new lower-case word (a-z and _)")
        if not name or not order.isdigit():
            raise ConfigError(where, "name is required and order must be a whole number")
        rows.append(SectionRow(key, name, int(order)))
    if BODY_KEY not in {r.key for r in rows}:
        raise ConfigError(str(path), f"the {BODY_KEY!r} row is missing")
    if len({r.order for r in rows}) != len(rows):
        raise ConfigError(str(path), "two rows share an order")
    return tuple(sorted(rows, key=lambda r: r.order))


def canonical_keys(path: Path = SECTIONS_FILE) -> tuple[str, ...]:
    """The keys a heading or topic may map to, in order (every row but `body`)."""
    return tuple(r.key for r in load_sections(path) if r.key != BODY_KEY)


def section_names(path: Path = SECTIONS_FILE) -> dict[str, str]:
    """Display name of every key of the table (`body` included)."""
    return {r.key: r.name for r in load_sections(path)}
