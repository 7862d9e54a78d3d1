"""Section heading variants per era (data/reference/section_headings.csv) and heading matching."""

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from crtdiff.errors import ConfigError
from crtdiff.paths import REFERENCE_DIR
from crtdiff.reference.series import year_range
from crtdiff.schemas.sections import canonical_keys

CANONICAL_KEYS = canonical_keys()
"""The keys a heading may map to: every row of data/reference/sections.csv but `body`."""
HEADINGS_FILE = REFERENCE_DIR / "section_headings.csv"
_COLUMNS = ["heading", "key", "first_year", "last_year", "note"]
_YEAR = "{year}"


def heading_key(text: str) -> str:
    """Fold a heading for comparison: case, '&' vs 'and', punctuation and spacing."""
    text = text.casefold().replace("&", " and ")
    return " ".join(re.sub(r"[^\w{}]+", " ", text).split())


@dataclass(frozen=True)
class HeadingVariant:
    """One row of the headings table."""

    heading: str
    key: str
    first_year: int
    last_year: int
    pattern: re.Pattern[str]


def _compile(heading: str) -> re.Pattern[str]:
    folded = heading_key(heading)
    return re.compile("^" + re.escape(folded).replace(re.escape(_YEAR), r"(?:19|20)\d\d") + "$")


def _row_to_variant(path: Path, line: int, row: dict[str, str]) -> HeadingVariant:
    where = f"{path.name} line {line}"
    if row["key"] not in CANONICAL_KEYS:
        raise ConfigError(where, f"unknown section key {row['key']!r}")
    first, last = year_range(where, row)
    heading = row["heading"].strip()
    if not heading or heading.count(_YEAR) > 1:
        raise ConfigError(where, "heading must be non-empty with at most one {year}")
    return HeadingVariant(heading, row["key"], first, last, _compile(heading))


@lru_cache(maxsize=4)
def load_headings(path: Path = HEADINGS_FILE) -> tuple[HeadingVariant, ...]:
    """Read and validate the headings table."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames != _COLUMNS:
                raise ConfigError(str(path), f"columns must be {', '.join(_COLUMNS)}")
            variants = tuple(
                _row_to_variant(path, number, row) for number, row in enumerate(reader, start=2)
            )
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read headings table ({exc.strerror})") from exc
    seen: dict[str, str] = {}
    for variant in variants:
        if variant.pattern.pattern in seen:
            raise ConfigError(str(path), f"heading {variant.heading!r} is listed twice")
        seen[variant.pattern.pattern] = variant.key
    return variants


def match_heading(label: str, variants: tuple[HeadingVariant, ...]) -> HeadingVariant | None:
    """The table row a heading label matches, if any."""
    folded = heading_key(label)
    return next((v for v in variants if v.pattern.match(folded)), None)
