"""Edit the catalogue in place, keeping its comments and layout (tomlkit)."""

from pathlib import Path

import tomlkit
from tomlkit.items import AoT, Table

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
    """True when a catalogue table is `entry`'s country, year, chapter and series however it
    is written (an alias such as "Republic of Mali", a year as a string)."""
    if not isinstance(table, dict):
        return False
    country = countries.resolve(str(table.get("country", "")))
    return (
        country is not None
        and country.name == entry.country
        and _year(table.get("year")) == entry.year
        and str(table.get("chapter", "country")) == entry.chapter
        and str(table.get("series", "crt")) == entry.series
    )


def _provenance(entry: CatalogEntry) -> list[tuple[str, str]]:
    """The official URL and publication date an entry states."""
    return [(k, v) for k, v in (("url", entry.url), ("published", entry.published)) if v]


def _update(table: Table, entry: CatalogEntry) -> bool:
    """Point a catalogue table at the entry's source and provenance; False when nothing
    changes. What the new page does not state (url, published) stays as it was."""
    stated = _provenance(entry)
    same_source = table.get("source") == entry.source
    same_kind = table.get("illustrative", False) == entry.illustrative
    if same_source and same_kind and all(table.get(k) == v for k, v in stated):
        return False
    if not same_source or not same_kind:
        for key in ("fallback", "illustrative"):
            if key in table:
                del table[key]
        if entry.illustrative:
            table["illustrative"] = True
        if entry.note:
            table["note"] = entry.note
    table["source"] = entry.source
    for key, value in stated:
        table[key] = value
    return True


def _upsert(reports: AoT, entry: CatalogEntry, countries: CountryTable) -> str:
    for table in reports:
        if _same_entry(table, entry, countries):
            return "updated" if _update(table, entry) else "unchanged"
    table = tomlkit.table()
    table.trivia.indent = "\n"  # a blank line between tables, as people write them
    table["country"] = entry.country
    table["year"] = entry.year
    table["source"] = entry.source
    if entry.chapter != "country":
        table["chapter"] = entry.chapter
    if entry.series != "crt":
        table["series"] = entry.series
    if entry.illustrative:
        table["illustrative"] = True
    for key, value in _provenance(entry):
        table[key] = value
    if entry.note:
        table["note"] = entry.note
    reports.append(table)
    return "added"


def upsert_entries(path: Path, entries: list[CatalogEntry], countries: CountryTable) -> list[str]:
    """Add each entry, or point the existing entry of its country, year, chapter and series
    (however it is written) at its source; one write for all. Returns "added", "updated" or
    "unchanged" per entry.

    The catalogue is read, changed and written under a lock, so that commands run at the same
    time never lose each other's entries.
    """
    with editing(path):
        try:
            text = path.read_text(encoding="utf-8") if path.exists() else ""
            if text and not text.endswith("\n"):
                text += "\n"  # else the blank line before a new table lands on its last line
            document = tomlkit.parse(text)
        except tomlkit.exceptions.TOMLKitError as exc:
            raise ConfigError(str(path), f"catalogue is not valid TOML ({exc})") from exc
        reports = _reports(document, path)
        changes = [_upsert(reports, entry, countries) for entry in entries]
        if any(change != "unchanged" for change in changes):
            atomic_write_text(path, tomlkit.dumps(document), durable=True)
        return changes


def upsert_entry(path: Path, entry: CatalogEntry, countries: CountryTable) -> str:
    """Add the entry, or point the existing entry of that country-year (and series) at the new
    source."""
    return upsert_entries(path, [entry], countries)[0]
