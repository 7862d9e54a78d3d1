"""Page furniture lines per host (data/reference/furniture.csv): banners, labels, page numbers.

Each row names a line that is never chapter text: where it is dropped (`leading`: while it opens
the text; `anywhere`; `trailing`: it and everything after it) and how it is matched (`exact`
line, line starting with a `prefix`, or a whole-line `regex`). Exact and prefix rows ignore case
and spacing and accept a straight or curly apostrophe, so most rows need no regex at all.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from crtdiff.csv_table import read_rows
from crtdiff.errors import ConfigError
from crtdiff.paths import REFERENCE_DIR

FURNITURE_FILE = REFERENCE_DIR / "furniture.csv"
_COLUMNS = ["host", "place", "match", "text", "note"]
PLACES = ("leading", "anywhere", "trailing")
MATCHES = ("exact", "prefix", "regex")
_HOST = re.compile(r"^[a-z0-9][a-z0-9.-]*$")


@dataclass(frozen=True)
class FurnitureLine:
    """One row of the furniture table."""

    host: str
    """The host whose pages carry the line (`any` for several); every row applies to every page,
    since a copy of a page keeps the furniture of the site it was copied from."""
    place: str
    match: str
    text: str
    pattern: re.Pattern[str]
    row: int
    """Line number in the CSV (for error messages and tests)."""


@dataclass(frozen=True)
class Furniture:
    """Every furniture row, and one combined whole-line pattern per place."""

    lines: tuple[FurnitureLine, ...]
    leading: re.Pattern[str]
    anywhere: re.Pattern[str]
    trailing: re.Pattern[str]

    def matching(self, line: str) -> list[FurnitureLine]:
        """The rows that match a line (which row removed what)."""
        return [f for f in self.lines if f.pattern.match(line)]


_APOSTROPHE = re.compile(r"['’]")


def _literal(text: str) -> str:
    words = ("['’]".join(re.escape(p) for p in _APOSTROPHE.split(w)) for w in text.split())
    return r"\s+".join(words)


def line_pattern(match: str, text: str) -> str:
    """The whole-line regular expression of a row."""
    if match == "exact":
        return _literal(text)
    if match == "prefix":
        return _literal(text) + r".*"
    return text


def _row(path: Path, number: int, row: dict[str, str]) -> FurnitureLine:
    where = f"{path.name} line {number}"
    host, place, match, text = (row[c].strip() for c in ("host", "place", "match", "text"))
    if not _HOST.match(host):
        raise ConfigError(where, f"host {host!r} must be a host name such as state.gov, or any")
    if place not in PLACES:
        raise ConfigError(where, f"place must be one of {', '.join(PLACES)}, not {place!r}")
    if match not in MATCHES:
        raise ConfigError(where, f"match must be one of {', '.join(MATCHES)}, not {match!r}")
    if not text:
        raise ConfigError(where, "text is empty")
    try:
        pattern = re.compile(rf"^(?:{line_pattern(match, text)})$", re.IGNORECASE | re.DOTALL)
    except re.error as exc:
        raise ConfigError(where, f"text is not a valid regular expression ({exc})") from exc
    if pattern.match(""):
        raise ConfigError(where, "the pattern matches an empty line")
    return FurnitureLine(host, place, match, text, pattern, number)


def _combined(lines: tuple[FurnitureLine, ...], place: str) -> re.Pattern[str]:
    parts = [f"(?:{line_pattern(f.match, f.text)})" for f in lines if f.place == place]
    # An impossible pattern when a place has no rows: (?!) never matches.
    body = "|".join(parts) or "(?!)"
    return re.compile(rf"^(?:{body})$", re.IGNORECASE | re.DOTALL)


@lru_cache(maxsize=4)
def load_furniture(path: Path = FURNITURE_FILE) -> Furniture:
    """Read and validate the furniture table."""
    rows = read_rows(path, _COLUMNS, "furniture table")
    lines = tuple(_row(path, number, row) for number, row in rows)
    seen: dict[tuple[str, str, str], int] = {}
    for line in lines:
        key = (line.place, line.match, line.text.casefold())
        if key in seen:
            raise ConfigError(
                f"{path.name} line {line.row}", f"repeats line {seen[key]} ({line.text!r})"
            )
        seen[key] = line.row
    return combine_furniture(lines)


def combine_furniture(lines: tuple[FurnitureLine, ...]) -> Furniture:
    """The furniture of these rows (also: the table's rows and a series' own lines)."""
    return Furniture(lines, *(_combined(lines, place) for place in PLACES))
