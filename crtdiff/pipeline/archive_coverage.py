"""The coverage of a whole series' catalogue for its table and page (kept apart from
crtdiff/pipeline/coverage.py, which settling imports, because it brings the renderer)."""

import contextlib
import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from pydantic import TypeAdapter, ValidationError

from crtdiff.catalog.model import CatalogEntry
from crtdiff.pipeline.coverage import coverage_row
from crtdiff.pipeline.manifest import Manifest
from crtdiff.pipeline.outcome import EntryOutcome, Status
from crtdiff.reports.coverage_table import (
    STATUSES,
    CoverageEntry,
    entry_order,
    grid_line,
    grid_row,
    records_table,
    write_coverage_parts,
)
from crtdiff.reports.html import series_context
from crtdiff.reports.output_paths import OutputPaths
from crtdiff.store.fingerprint import digest


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


def _country_rows(
    entries: list[CatalogEntry],
    by_key: dict[str, EntryOutcome],
    remembered: dict[str, dict[str, Any]],
) -> dict[str, CoverageEntry]:
    wanted = {e.key for e in entries if e.key not in by_key}
    kept = _remembered({k: r for k, r in remembered.items() if k in wanted})
    rows = {}
    for entry in entries:
        outcome = by_key.get(entry.key)
        row = _archive_entry(entry, outcome) if outcome else kept.get(entry.key)
        if row is not None:
            rows[entry.key] = row
    return rows


def archive_coverage(
    entries: list[CatalogEntry], outcomes: list[EntryOutcome], remembered: dict[str, dict[str, Any]]
) -> dict[str, CoverageEntry]:
    """Every catalogued entry's coverage, by entry key: from its outcome in this run, else as
    the last run that had it left it (`remembered`, the manifest's record); an entry no run has
    reached yet is left out."""
    return _country_rows(entries, {o.key: o for o in outcomes}, remembered)


def _line_check(render_key: str, records: bytes, first: int, last: int, line: str) -> str:
    """What a country's remembered grid line is checked against: the code, the country's rows
    (as the manifest holds them), the grid's years and the line itself (so a damaged line is
    made again, never shown)."""
    return digest(render_key, hashlib.sha256(records).hexdigest(), str(first), str(last), line)


@dataclass
class _CountryCoverage:
    records: dict[str, dict[str, Any]]
    """Entry key → its row as CoverageEntry dumps it, in catalogue order."""
    remembered: list[Any] | None = None
    """Its grid line as remembered ([check, first year, last year, line]: see Manifest), when
    it still holds for these rows."""
    rows: list[CoverageEntry] | None = None
    """Its rows as made in this run (None: as remembered, validated only if needed)."""


_LINE_TYPES = (str, int, int, str)


def _country_coverage(
    country: str,
    entries: dict[str, CatalogEntry],
    by_key: dict[str, EntryOutcome],
    manifest: Manifest,
    render_key: str,
) -> _CountryCoverage:
    """One country's coverage (`entries`: its catalogued entries by key): as remembered, no row
    validated again, when none of its entries ran and its remembered line vouches for its rows;
    else from its outcomes and the valid remembered rows."""
    if by_key.keys().isdisjoint(entries):
        records = {k: r for k in entries if (r := manifest.coverage.get(k)) is not None}
        cached = manifest.coverage_lines.get(country)
        if (
            records
            and isinstance(cached, list)
            and len(cached) == len(_LINE_TYPES)
            and all(isinstance(v, t) for v, t in zip(cached, _LINE_TYPES, strict=True))
        ):
            check, first, last, line = cached
            dumped = orjson.dumps(list(records.values()))
            if check == _line_check(render_key, dumped, first, last, line):
                return _CountryCoverage(records, cached)
    rows = _country_rows(list(entries.values()), by_key, manifest.coverage)
    records = _REMEMBERED.dump_python(rows)
    return _CountryCoverage(records, rows=list(rows.values()))


def _record_order(record: dict[str, Any]) -> tuple[int, bool, str]:
    return (record["year"], record["chapter"] != "country", record["chapter"])


def publish_coverage(
    entries: list[CatalogEntry],
    outcomes: list[EntryOutcome],
    manifest: Manifest,
    out_dir: Path,
    series: str,
    render_key: str,
) -> int:
    """Write the coverage table and page of a series' catalogue and remember its rows and each
    country's grid line in the manifest (`render_key`: that of the code making the lines);
    returns the number of rows.

    A run of some countries keeps the others' rows and takes their lines as remembered, so
    what it costs here barely grows with the archive (validating, dumping and marking every
    row again cost a third of a second at 10,000 chapters)."""
    by_key = {o.key: o for o in outcomes}
    catalogued: dict[str, dict[str, CatalogEntry]] = {}
    for entry in entries:
        catalogued.setdefault(entry.country, {})[entry.key] = entry
    countries = {
        country: coverage
        for country, keyed in sorted(catalogued.items())
        if (coverage := _country_coverage(country, keyed, by_key, manifest, render_key)).records
    }
    years = [r["year"] for c in countries.values() for r in c.records.values()]
    first, last = (min(years), max(years)) if years else (0, 0)
    span = list(range(first, last + 1))
    lines: list[str] = []
    ordered: list[dict[str, Any]] = []
    manifest.coverage, manifest.coverage_lines = {}, {}
    for country, coverage in countries.items():
        in_order = sorted(coverage.records.values(), key=_record_order)
        kept = coverage.remembered
        if kept is None or kept[1:3] != [first, last]:
            made = coverage.rows or [CoverageEntry.model_validate(r) for r in in_order]
            row = grid_row(country, sorted(made, key=entry_order), span)
            line = grid_line(row.country, row.page, row.cells)
            rows = orjson.dumps(list(coverage.records.values()))
            kept = [_line_check(render_key, rows, first, last, line), first, last, line]
        manifest.coverage_lines[country] = kept
        manifest.coverage.update(coverage.records)
        lines.append(kept[3])
        ordered += in_order
    counted = Counter(r["status"] for r in ordered)
    counts: dict[str, int] = {s: counted.get(s, 0) for s in STATUSES}
    context = series_context(series)
    write_coverage_parts(
        out_dir, records_table(ordered), lines, span if years else [], counts, context
    )
    return len(ordered)
