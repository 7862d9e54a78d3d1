"""The coverage of a whole series' catalogue for its table and page (kept apart from
crtdiff/pipeline/coverage.py, which settling imports, because it brings the renderer)."""

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from crtdiff.catalog.model import CatalogEntry
from crtdiff.pipeline.coverage import coverage_row
from crtdiff.pipeline.manifest import Manifest
from crtdiff.pipeline.outcome import EntryOutcome, Status
from crtdiff.reports.coverage_table import CoverageEntry, write_coverage
from crtdiff.reports.html import series_context
from crtdiff.reports.output_paths import OutputPaths


def _archive_entry(entry: CatalogEntry, outcome: EntryOutcome) -> CoverageEntry:
    row = coverage_row(entry, outcome)
    read = outcome.status is Status.OK
    return CoverageEntry(
        country=entry.country,
        chapter=entry.chapter,
        year=entry.year,
        status="real" if row.status == Status.OK.value else row.status,  # type: ignore[arg-type]
        reason=row.reason,
        official_url=row.official_url,
        published=row.published,
        page=OutputPaths.chapter_page(entry.country, entry.year, entry.chapter) if read else None,
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
