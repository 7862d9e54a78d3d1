"""Edit the catalogue in place, keeping its comments and layout (tomlkit)."""

from pathlib import Path

import tomlkit
from tomlkit.items import AoT

from crtdiff.catalog.model import CatalogEntry
from crtdiff.errors import ConfigError
from crtdiff.reference.countries import CountryTable
from crtdiff.store.atomic import atomic_write_text
from crtdiff.store.lock import editing


def _reports(document: tomlkit.TOMLDocument, path: Path) -> AoT:
    reports = document.get("report")
    if reports is None:
        reports = tomlkit.aot()
        document.append("report", reports)
    if not isinstance(reports, AoT):
        raise ConfigError(str(path), "`report` must be an array of tables ([[report]])")
    return reports


def _year(value: object) -> int | None:
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def _same_entry(table: object, entry: CatalogEntry, countries: CountryTable) -> bool:
    """True when a catalogue table is `entry`'s country, year and chapter however it is
    written (an alias such as "Republic of Mali", a year as a string)."""
    if not isinstance(table, dict):
        return False
    country = countries.resolve(str(table.get("country", "")))
    return (
        country is not None
        and country.name == entry.country
        and _year(table.get("year")) == entry.year
        and str(table.get("chapter", "country")) == entry.chapter
    )


def upsert_entry(path: Path, entry: CatalogEntry, countries: CountryTable) -> str:
    """Add the entry, or point the existing entry of that country-year at the new source.

    The catalogue is read, changed and written under a lock, so that commands run at the same
    time never lose each other's entries. Returns "added", "updated" or "unchanged".
    """
    with editing(path):
        return _upsert(path, entry, countries)


def _upsert(path: Path, entry: CatalogEntry, countries: CountryTable) -> str:
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        document = tomlkit.parse(text)
    except tomlkit.exceptions.TOMLKitError as exc:
        raise ConfigError(str(path), f"catalogue is not valid TOML ({exc})") from exc
    reports = _reports(document, path)
    for table in reports:
        if not _same_entry(table, entry, countries):
            continue
        if table.get("source") == entry.source:
            return "unchanged"
        table["source"] = entry.source
        for key in ("fallback", "illustrative"):
            if key in table:
                del table[key]
        if entry.note:
            table["note"] = entry.note
        atomic_write_text(path, tomlkit.dumps(document), durable=True)
        return "updated"
    table = tomlkit.table()
    table["country"] = entry.country
    table["year"] = entry.year
    table["source"] = entry.source
    if entry.chapter != "country":
        table["chapter"] = entry.chapter
    if entry.note:
        table["note"] = entry.note
    reports.append(table)
    atomic_write_text(path, tomlkit.dumps(document), durable=True)
    return "added"
