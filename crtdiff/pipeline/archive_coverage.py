"""The coverage of a whole series' catalogue for its table and page (kept apart from
crtdiff/pipeline/coverage.py, which settling imports, because it brings the renderer)."""

import contextlib
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

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


_REMEMBERED: TypeAdapter[dict[str, CoverageEntry]] = TypeAdapter(dict[str, CoverageEntry])


def _remembered(records: dict[str, dict[str, Any]]) -> dict[str, CoverageEntry]:
    """The manifest's rows that are valid (a damaged one is left out until its entry runs
    again); in one call when all are, as they nearly always are: a call per row cost a
    quarter of a second at 10,000 entries."""
    try:
        return _REMEMBERED.validate_python(records)
    except ValidationError:
        pass
    valid = {}
    for key, record in records.items():
        with contextlib.suppress(ValidationError):
            valid[key] = CoverageEntry.model_validate(record)
    return valid


def archive_coverage(
    entries: list[CatalogEntry], outcomes: list[EntryOutcome], remembered: dict[str, dict[str, Any]]
) -> dict[str, CoverageEntry]:
    """Every catalogued entry's coverage, by entry key: from its outcome in this run, else as
    the last run that had it left it (`remembered`, the manifest's record); an entry no run has
    reached yet is left out."""
    by_key = {o.key: o for o in outcomes}
    wanted = {e.key for e in entries if e.key not in by_key}
    kept = _remembered({k: r for k, r in remembered.items() if k in wanted})
    rows = {}
    for entry in entries:
        outcome = by_key.get(entry.key)
        row = _archive_entry(entry, outcome) if outcome else kept.get(entry.key)
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
    manifest.coverage = _REMEMBERED.dump_python(rows)
    write_coverage(out_dir, list(rows.values()), series_context(series))
    return len(rows)
