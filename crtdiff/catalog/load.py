"""Read the TOML catalogue, validate each entry, and pick up files dropped into data/raw/."""

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from crtdiff.catalog.model import CatalogEntry, resolve_inside
from crtdiff.errors import ConfigError
from crtdiff.reference.countries import Country, CountryTable
from crtdiff.reference.series import definitions, unknown_series
from crtdiff.schemas.base import report_year_problem

_RAW_FILE = re.compile(r"^(?P<year>(?:19|20)\d\d)\.(?:txt|html?|pdf)$", re.IGNORECASE)


@dataclass(frozen=True)
class RejectedEntry:
    """A catalogue entry that cannot be used, and why."""

    label: str
    reason: str


@dataclass
class Catalog:
    """The usable entries of a catalogue, and the rejected ones."""

    path: Path
    entries: list[CatalogEntry] = field(default_factory=list)
    rejected: list[RejectedEntry] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        """Folder that relative sources are resolved against."""
        return self.path.parent

    def local_path(self, relative: str) -> Path:
        """An entry's local file, guaranteed to lie inside the catalogue's folder."""
        return resolve_inside(self.folder, relative, "path")

    def find(
        self, country: str, year: int, chapter: str = "country", series: str = "crt"
    ) -> CatalogEntry | None:
        """The entry for a country, year and chapter (of a series)."""
        return next(
            (
                e
                for e in self.entries
                if e.country == country
                and e.year == year
                and e.chapter == chapter
                and e.series == series
            ),
            None,
        )

    def countries_of_years(self, years: list[int]) -> list[str]:
        """Countries with a chapter of any of these report years, in name order."""
        return sorted({e.country for e in self.entries if e.year in years})


def _describe(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"]) or "entry"
        parts.append(f"{where}: {item['msg']}")
    return "; ".join(parts)


def _validate_entry(
    number: int, table: object, catalog: Catalog, countries: CountryTable
) -> CatalogEntry | None:
    label = f"{catalog.path.name} [[report]] #{number}"
    if not isinstance(table, dict):
        catalog.rejected.append(RejectedEntry(label, "is not a table"))
        return None
    if "country" in table and "year" in table:
        label += f" ({table['country']} {table['year']})"
    try:
        entry = CatalogEntry.model_validate(table)
        if not entry.is_url:
            catalog.local_path(entry.source)
        if entry.fallback is not None:
            catalog.local_path(entry.fallback)
    except ValidationError as exc:
        catalog.rejected.append(RejectedEntry(label, _describe(exc)))
        return None
    except ValueError as exc:
        catalog.rejected.append(RejectedEntry(label, str(exc)))
        return None
    country = countries.resolve(entry.country)
    if country is None:
        catalog.rejected.append(RejectedEntry(label, countries.unknown(entry.country)))
        return None
    if entry.series not in definitions():
        catalog.rejected.append(RejectedEntry(label, unknown_series(entry.series)))
        return None
    return entry.model_copy(update={"country": country.name})


def _raw_drops(catalog: Catalog, countries: CountryTable) -> list[CatalogEntry]:
    """Entries for files dropped into raw/<country-slug>/<year>.<ext> and not catalogued (a
    catalogue entry for the same year wins). A drop that cannot be used (a year out of range,
    a second file for the same year, a path leading out of the data folder) is rejected with
    its reason, never silently skipped."""
    raw = catalog.folder / "raw"
    if not raw.is_dir():
        return []
    listed = {(e.country, e.year, e.chapter) for e in catalog.entries if e.series == "crt"}
    dropped: dict[tuple[str, int, str], str] = {}
    found = []
    raw_linked = raw.is_symlink()
    folders: dict[str, Country | None] = {}  # a folder's country looked up once, not per file
    for folder, name, linked in _dropped_files(raw):
        match = _RAW_FILE.match(name)
        if folder not in folders:
            folders[folder] = countries.by_slug(folder) or countries.resolve(folder)
        country = folders[folder]
        if match is None or country is None:
            continue
        year = int(match.group("year"))
        identity = (country.name, year, "country")
        if identity in listed:
            continue
        relative = f"raw/{folder}/{name}"
        problem = report_year_problem(year)
        if problem is None and identity in dropped:
            problem = (
                f"{country.name} {year} is read from {dropped[identity]}; remove one of the two"
            )
        if problem is None and (raw_linked or linked):
            try:  # a link on the way may lead out of the data folder
                catalog.local_path(relative)
            except ValueError as exc:
                problem = str(exc)
        if problem is not None:
            catalog.rejected.append(RejectedEntry(relative, problem))
            continue
        found.append(CatalogEntry(country=country.name, year=year, source=relative))
        dropped[identity] = relative
    return found


def _dropped_files(raw: Path) -> list[tuple[str, str, bool]]:
    """(folder, file name, whether either is a symbolic link) of every entry one level below
    `raw`'s folders (and links to folders), in name order."""
    # os.scandir, not Path.glob: an archive has thousands of drops, and building, sorting and
    # relativising a Path for each (and an lstat of every folder on its way, to find links)
    # cost more than the rest of loading the catalogue; a listing tells links for free.
    found = []
    with os.scandir(raw) as folders:
        for folder in folders:
            if not folder.is_dir():
                continue
            linked = folder.is_symlink()
            try:
                with os.scandir(folder.path) as files:
                    found += [(folder.name, f.name, linked or f.is_symlink()) for f in files]
            except OSError:  # unreadable or vanished mid-listing: as glob, nothing from it
                continue
    return sorted(found)


def load_catalog(path: Path, countries: CountryTable) -> Catalog:
    """Parse the catalogue: unreadable TOML is a ConfigError, a bad entry is rejected alone."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(str(path), "catalogue not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot read catalogue ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), f"catalogue is not valid TOML ({exc})") from exc
    reports = document.get("report", [])
    if not isinstance(reports, list):
        raise ConfigError(str(path), "`report` must be an array of tables ([[report]])")
    catalog = Catalog(path=path)
    seen: dict[tuple[str, int, str, str], int] = {}
    for number, table in enumerate(reports, start=1):
        entry = _validate_entry(number, table, catalog, countries)
        if entry is None:
            continue
        key = (entry.country, entry.year, entry.chapter, entry.series)
        if key in seen:
            catalog.rejected.append(
                RejectedEntry(
                    f"{path.name} [[report]] #{number} ({entry.key})",
                    f"duplicates entry #{seen[key]} for the same country, year and chapter",
                )
            )
            continue
        seen[key] = number
        catalog.entries.append(entry)
    catalog.entries.extend(_raw_drops(catalog, countries))
    return catalog
