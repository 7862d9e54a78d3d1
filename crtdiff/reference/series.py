"""Series definitions as data (data/reference/series/): names, titles, URL patterns per era,
furniture lines and the extractors that apply. The logic of each series is its plugin."""

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import get_close_matches
from functools import lru_cache
from pathlib import Path

from crtdiff.errors import ConfigError
from crtdiff.paths import REFERENCE_DIR

SERIES_DIR = REFERENCE_DIR / "series"
DEFAULT_SERIES = "crt"
EXTRACTORS = ("groups", "incidents", "legal_measures", "organisations", "laws", "counts")
"""Every extractor a series can name in series.csv."""
CRT_STACK = frozenset(("groups", "incidents", "legal_measures", "organisations"))
"""Groups and incidents are read together with legal measures and organisations (one pass)."""
POSITIONS = ("leading", "trailing", "anywhere")
_NAME = re.compile(r"^[a-z][a-z0-9]*$")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class UrlPattern:
    """Where a series published its reports in one era: a URL path with {year} (and {slug})."""

    first_year: int
    last_year: int
    path: str
    pattern: re.Pattern[str]
    """The path as a regex: group 1 the year, group 2 the country slug when the path has one."""

    @property
    def guessable(self) -> bool:
        """True when the path names the country, so that a report's URL can be built."""
        return "{slug}" in self.path

    def url(self, base: str, year: int, slug: str) -> str:
        """The URL of one country's report for `year` on the site `base`."""
        return base.rstrip("/") + self.path.format(year=year, slug=slug)


@dataclass(frozen=True)
class FurnitureLine:
    """A whole line of page furniture that belongs to the series (its title, its bureau)."""

    position: str
    line: str
    """The line as written in furniture.csv (a whole-line regular expression)."""
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class SeriesDefinition:
    """One row of series.csv with its URL patterns and furniture lines."""

    name: str
    title: str
    short_name: str
    title_template: str
    """Title given to a report whose page has none: `{year}` and `{country}` are filled in."""
    title_phrases: tuple[str, ...]
    """How the series names itself in page titles (detection and title clues)."""
    extractors: frozenset[str]
    outputs: str
    """Folder of the series' outputs under the output folder ("" = the output folder itself)."""
    urls: tuple[UrlPattern, ...]
    furniture: tuple[FurnitureLine, ...]

    def default_title(self, year: int, country: str) -> str:
        """The title of a report whose page does not give one."""
        return self.title_template.format(year=year, country=country)


def read_rows(path: Path, columns: list[str]) -> Iterator[tuple[str, dict[str, str]]]:
    """The rows of a series table, each with where it stands (`file line N`)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames != columns:
                raise ConfigError(str(path), f"columns must be {', '.join(columns)}")
            for number, row in enumerate(reader, start=2):
                where = f"{path.name} line {number}"
                if None in row or None in row.values():
                    raise ConfigError(where, "wrong number of fields (quote a value with a comma)")
                yield where, {k: (v or "").strip() for k, v in row.items()}
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read series table ({exc.strerror})") from exc


def year_range(where: str, row: dict[str, str]) -> tuple[int, int]:
    """A row's first_year and last_year, validated."""
    try:
        first, last = int(row["first_year"]), int(row["last_year"])
    except ValueError as exc:
        raise ConfigError(where, "first_year and last_year must be years") from exc
    if not 1990 <= first <= last <= 2100:
        raise ConfigError(where, f"year range {first}-{last} is not valid")
    return first, last


def _url_pattern(where: str, row: dict[str, str]) -> UrlPattern:
    first, last = year_range(where, row)
    path = row["path"]
    names = _PLACEHOLDER.findall(path)
    if not path.startswith("/") or names not in (["year"], ["year", "slug"]):
        raise ConfigError(where, "path must start with / and hold {year}, then optionally {slug}")
    regex = re.escape(path).replace(r"\{year\}", r"((?:19|20)\d\d)")
    regex = regex.replace(r"\{slug\}", r"([a-z0-9-]+)").removesuffix("/")
    pattern = UrlPattern(first, last, path, re.compile(regex + r"(?:/|$)"))
    found = pattern.pattern.search(row["example"])
    if found is None or not first <= int(found.group(1)) <= last:
        raise ConfigError(where, f"example {row['example']!r} does not match the path and years")
    return pattern


def _furniture(where: str, row: dict[str, str]) -> FurnitureLine:
    if row["position"] not in POSITIONS:
        raise ConfigError(where, f"position must be one of {', '.join(POSITIONS)}")
    try:
        pattern = re.compile(rf"^(?:{row['line']})$", re.IGNORECASE)
    except re.error as exc:
        raise ConfigError(where, f"line is not a valid pattern ({exc})") from exc
    return FurnitureLine(row["position"], row["line"], pattern)


def _definition(
    where: str, row: dict[str, str], urls: tuple[UrlPattern, ...], lines: tuple[FurnitureLine, ...]
) -> SeriesDefinition:
    extractors = frozenset(row["extractors"].split("|")) - {""}
    unknown = sorted(extractors - set(EXTRACTORS))
    if unknown:
        raise ConfigError(where, f"unknown extractor(s) {', '.join(unknown)}")
    if extractors & {"groups", "incidents"} and not extractors >= CRT_STACK:
        raise ConfigError(
            where, "groups and incidents go with legal_measures and organisations (one pass)"
        )
    template = row["title"]
    if sorted(_PLACEHOLDER.findall(template)) != ["country", "year"]:
        raise ConfigError(where, "title must hold {year} and {country}")
    phrases = tuple(p.strip() for p in row["title_phrases"].split("|") if p.strip())
    if not phrases or not row["name"] or not row["short_name"]:
        raise ConfigError(where, "name, short_name and title_phrases are required")
    if row["outputs"] and not _NAME.match(row["outputs"]):
        raise ConfigError(where, "outputs must be empty or a plain folder name")
    return SeriesDefinition(
        name=row["series"],
        title=row["name"],
        short_name=row["short_name"],
        title_template=template,
        title_phrases=phrases,
        extractors=extractors,
        outputs=row["outputs"],
        urls=urls,
        furniture=lines,
    )


def load_definitions(folder: Path = SERIES_DIR) -> dict[str, SeriesDefinition]:
    """Read and validate series.csv, urls.csv and furniture.csv."""
    urls: dict[str, list[UrlPattern]] = {}
    for where, row in read_rows(
        folder / "urls.csv", ["series", "first_year", "last_year", "path", "example", "note"]
    ):
        urls.setdefault(row["series"], []).append(_url_pattern(where, row))
    lines: dict[str, list[FurnitureLine]] = {}
    for where, row in read_rows(folder / "furniture.csv", ["series", "position", "line", "note"]):
        lines.setdefault(row["series"], []).append(_furniture(where, row))
    columns = ["series", "name", "short_name", "title", "title_phrases", "extractors", "outputs"]
    definitions: dict[str, SeriesDefinition] = {}
    for where, row in read_rows(folder / "series.csv", [*columns, "note"]):
        name = row["series"]
        if not _NAME.match(name) or name in definitions:
            raise ConfigError(where, f"series {name!r} must be a new lower-case name")
        definitions[name] = _definition(
            where, row, tuple(urls.pop(name, [])), tuple(lines.pop(name, []))
        )
    for leftover in (*urls, *lines):
        raise ConfigError(str(folder), f"rows name series {leftover!r}, not in series.csv")
    if DEFAULT_SERIES not in definitions:
        raise ConfigError(
            str(folder / "series.csv"), f"the default series {DEFAULT_SERIES!r} is missing"
        )
    outputs = [d.outputs for d in definitions.values()]
    if len(set(outputs)) != len(outputs):
        raise ConfigError(str(folder / "series.csv"), "two series share an outputs folder")
    return definitions


@lru_cache(maxsize=4)
def definitions(folder: Path = SERIES_DIR) -> dict[str, SeriesDefinition]:
    """load_definitions, read once: what knowing a series' name, title and output folder needs
    (no plugin is imported, so the catalogue and the up-to-date check stay light)."""
    return load_definitions(folder)


def unknown_series(name: str, folder: Path = SERIES_DIR) -> str:
    """The one-line problem of a series name series.csv does not know, with the closest."""
    known = sorted(definitions(folder))
    problem = f"unknown series {name!r} (not in series.csv; known: {', '.join(known)})"
    closest = get_close_matches(name.lower(), known, n=2, cutoff=0.5)
    return problem + (f"; did you mean {' or '.join(closest)}?" if closest else "")
