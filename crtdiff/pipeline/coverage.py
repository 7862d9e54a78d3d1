"""Which catalogued report years of a country were read, and why the others were not."""

import msgspec

from crtdiff.catalog.model import CatalogEntry
from crtdiff.ingest.provenance import is_official
from crtdiff.pipeline.outcome import EntryOutcome, Status
from crtdiff.reports.summaries import CoverageRow
from crtdiff.store.fingerprint import digest

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


def coverage_row(entry: CatalogEntry, outcome: EntryOutcome) -> CoverageRow:
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
    return [coverage_row(entry, by_key[entry.key]) for entry in ordered if entry.key in by_key]


def coverage_digest(rows: list[CoverageRow]) -> str:
    """Digest of the coverage rows (part of a country page's key: a new gap re-renders it)."""
    return digest(*(msgspec.json.encode(row).decode() for row in rows))
