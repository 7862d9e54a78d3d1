"""A series' outline canon (data/reference/series/<series>_outline.csv): the units a report is cut
into (lettered sub-sections, or a section holding its text itself), their heading variants per
era, and the inner headings that stay inside a unit."""

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from crtdiff.errors import ConfigError
from crtdiff.reference.headings import HeadingVariant, heading_key
from crtdiff.reference.series import SERIES_DIR, read_rows, year_range

_COLUMNS = ["key", "level", "section", "letter", "heading", "first_year", "last_year", "note"]
_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SECTION_PREFIX = re.compile(r"^\s*Section\s+(\d{1,2})\s*[.:]?\s*", re.IGNORECASE)
_LETTER_PREFIX = re.compile(r"^\s*([a-h])\.\s+(?=\S)")


class Level(StrEnum):
    """What a heading of the outline opens."""

    SUMMARY = "summary"
    """The opening summary: a unit of its own."""
    SECTION = "section"
    """A numbered section: a unit only for text that stands before its first sub-section."""
    SUBSECTION = "subsection"
    """A sub-section (lettered or not): the unit of comparison."""
    INNER = "inner"
    """A heading inside a unit: kept as text of that unit."""


@dataclass(frozen=True)
class OutlineRow:
    """One row of the outline table."""

    key: str
    level: Level
    section: int | None
    letter: str
    heading: str
    first_year: int
    last_year: int
    folded: str

    @property
    def lettered(self) -> bool:
        """True when the heading is written with its letter ("b. Disappearance"); an inner
        heading's letter column names the sub-section it stands in."""
        return bool(self.letter) and self.level is not Level.INNER


@dataclass(frozen=True)
class HeadingMatch:
    """A heading read against the outline: the row it matches (if any) and its own prefixes."""

    text: str
    """The heading without its `Section N.` and letter prefixes."""
    section: int | None
    letter: str
    row: OutlineRow | None


@dataclass(frozen=True)
class Outline:
    """Every row of one series' outline."""

    series: str
    rows: tuple[OutlineRow, ...]

    def unit_key(self, key: str) -> str:
        """The section key of a unit in reports: `<series>:<key>`."""
        return f"{self.series}:{key}"

    def read(self, heading: str) -> HeadingMatch:
        """Strip a heading's `Section N.` and `a.` prefixes and find its row.

        A lettered heading matches lettered rows only and an unlettered one unlettered rows
        (`b. Disappearance` is a sub-section, `Disappearance` an inner heading of 2024)."""
        section_prefix = _SECTION_PREFIX.match(heading)
        number = int(section_prefix.group(1)) if section_prefix else None
        rest = heading[section_prefix.end() :] if section_prefix else heading
        letter_prefix = _LETTER_PREFIX.match(rest)
        letter = letter_prefix.group(1) if letter_prefix else ""
        text = (rest[letter_prefix.end() :] if letter_prefix else rest).strip().rstrip(":").strip()
        folded = heading_key(text)
        candidates = [r for r in self.rows if r.folded == folded and r.lettered == bool(letter)]
        if number is not None:
            candidates = [r for r in candidates if r.level is Level.SECTION] or candidates
        return HeadingMatch(text, number, letter, candidates[0] if candidates else None)

    def summary_variants(self) -> tuple[HeadingVariant, ...]:
        """The summary headings, as the furniture stripper expects them (they open the body)."""
        return tuple(
            HeadingVariant(
                r.heading,
                self.unit_key(r.key),
                r.first_year,
                r.last_year,
                re.compile("^" + re.escape(r.folded) + "$"),
            )
            for r in self.rows
            if r.level is Level.SUMMARY
        )

    def names(self) -> dict[str, str]:
        """A readable name per unit key: its most recent heading."""
        names: dict[str, str] = {}
        for row in sorted(self.rows, key=lambda r: r.first_year):
            if row.key:
                names[self.unit_key(row.key)] = row.heading
        return names

    def sections(self) -> dict[str, tuple[int | None, str]]:
        """Per unit key, the section it stands in (number and title) in its latest era."""
        titles = {
            (r.section, r.first_year): r.heading for r in self.rows if r.level is Level.SECTION
        }
        out: dict[str, tuple[int | None, str]] = {}
        for row in sorted(self.rows, key=lambda r: r.first_year):
            if row.key and row.level is not Level.INNER:
                out[self.unit_key(row.key)] = (
                    row.section,
                    titles.get((row.section, row.first_year), row.heading),
                )
        return out


def _row(where: str, row: dict[str, str]) -> OutlineRow:
    try:
        level = Level(row["level"])
    except ValueError as exc:
        raise ConfigError(where, f"level must be one of {', '.join(Level)}") from exc
    key = row["key"]
    if (level is Level.INNER) != (key == ""):
        raise ConfigError(where, "inner headings have no key; every other row needs one")
    if key and not _KEY.match(key):
        raise ConfigError(where, f"key {key!r} must be lower-case words joined by hyphens")
    section = int(row["section"]) if row["section"].isdigit() else None
    if row["section"] and section is None:
        raise ConfigError(where, "section must be a number")
    if row["letter"] and not re.fullmatch(r"[a-h]", row["letter"]):
        raise ConfigError(where, "letter must be one of a-h")
    if level is Level.SECTION and row["letter"]:
        raise ConfigError(where, "a section row has no letter")
    heading = row["heading"]
    if not heading or _SECTION_PREFIX.match(heading) or _LETTER_PREFIX.match(heading):
        raise ConfigError(where, "heading must be given without its Section N. or letter prefix")
    first, last = year_range(where, row)
    return OutlineRow(
        key, level, section, row["letter"], heading, first, last, heading_key(heading)
    )


@lru_cache(maxsize=8)
def load_outline(series: str, folder: Path = SERIES_DIR) -> Outline:
    """Read and validate `<series>_outline.csv`."""
    rows = tuple(
        _row(where, row) for where, row in read_rows(folder / f"{series}_outline.csv", _COLUMNS)
    )
    seen: set[tuple[str, bool]] = set()
    for row in rows:
        marker = (row.folded, row.lettered)
        if marker in seen:
            raise ConfigError(f"{series}_outline.csv", f"heading {row.heading!r} is listed twice")
        seen.add(marker)
    return Outline(series, rows)


def unit_names(series: str, folder: Path = SERIES_DIR) -> dict[str, str]:
    """The readable name of each unit key of `series` (none for a series without an outline)."""
    if not (folder / f"{series}_outline.csv").is_file():
        return {}
    return load_outline(series, folder).names()
