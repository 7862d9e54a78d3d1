"""Which catalogued report years of a country were read, and why the others were not."""

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from crtdiff.catalog.model import CatalogEntry
from crtdiff.ingest.provenance import is_official
from crtdiff.pipeline.manifest import Manifest
from crtdiff.pipeline.outcome import EntryOutcome, Status
from crtdiff.pipeline.outputs import chapter_page
from crtdiff.store.fingerprint import digest
from reports.coverage_table import CoverageEntry, write_coverage
from reports.html import series_context
from reports.summaries import CoverageRow

_FALLBACK = "illustrative fallback"


def _reason(entry: CatalogEntry, outcome: EntryOutcome) -> str | None:
    if outcome.status is not Status.OK:
        return outcome.reason
    if not outcome.illustrative:
        return None
    fell_back = [n for n in outcome.notes if _FALLBACK in n]
    if fell_back:
        return fell_back[0]
    return "catalogued as an illustrative chapter written for tests and demos"


def _row(entry: CatalogEntry, outcome: EntryOutcome) -> CoverageRow:
    status = outcome.status.value
    if outcome.status is Status.OK and outcome.illustrative:
        status = "illustrative"
    return CoverageRow(
        year=entry.year,
        chapter=entry.chapter,
        status=status,
        reason=_reason(entry, outcome),
        official_url=entry.url or (entry.source if is_official(entry.source) else None),
        published=entry.published,
    )


def coverage_rows(entries: list[CatalogEntry], outcomes: list[EntryOutcome]) -> list[CoverageRow]:
    """One row per catalogued entry that has an outcome in this run, by chapter and year."""
    by_key = {o.key: o for o in outcomes}
    ordered = sorted(entries, key=lambda e: (e.chapter, e.year))
    return [_row(entry, by_key[entry.key]) for entry in ordered if entry.key in by_key]


def _archive_entry(entry: CatalogEntry, outcome: EntryOutcome) -> CoverageEntry:
    row = _row(entry, outcome)
    read = outcome.status is Status.OK
    return CoverageEntry(
        country=entry.country,
        chapter=entry.chapter,
        year=entry.year,
        status="real" if row.status == Status.OK.value else row.status,  # type: ignore[arg-type]
        reason=row.reason,
        official_url=row.official_url,
        published=row.published,
        page=chapter_page(entry.country, entry.year, entry.chapter) if read else None,
    )


def _remembered(record: dict[str, Any] | None) -> CoverageEntry | None:
    if record is None:
        return None
    try:
        return CoverageEntry.model_validate(record)
    except ValidationError:  # a damaged record: the entry is left out until it runs again
        return None


def archive_coverage(
    entries: list[CatalogEntry], outcomes: list[EntryOutcome], remembered: dict[str, dict[str, Any]]
) -> dict[str, CoverageEntry]:
    """Every catalogued entry's coverage, by entry key: from its outcome in this run, else as
    the last run that had it left it (`remembered`, the manifest's record); an entry no run has
    reached yet is left out."""
    by_key = {o.key: o for o in outcomes}
    rows = {}
    for entry in entries:
        outcome = by_key.get(entry.key)
        row = _archive_entry(entry, outcome) if outcome else _remembered(remembered.get(entry.key))
        if row is not None:
            rows[entry.key] = row
    return rows


def coverage_digest(rows: list[CoverageRow]) -> str:
    """Digest of the coverage rows (part of a country page's key: a new gap re-renders it)."""
    return digest(*(row.model_dump_json() for row in rows))


def publish_coverage(
    entries: list[CatalogEntry],
    outcomes: list[EntryOutcome],
    manifest: Manifest,
    out_dir: Path,
    series: str,
) -> int:
    """Write the coverage table and page of a series' catalogue and remember its rows in the
    manifest (for the next run of some countries only); returns the number of rows."""
    rows = archive_coverage(entries, outcomes, manifest.coverage)
    manifest.coverage = {key: row.model_dump() for key, row in rows.items()}
    write_coverage(out_dir, list(rows.values()), series_context(series))
    return len(rows)
