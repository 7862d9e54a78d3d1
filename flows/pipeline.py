"""The main flow: fetch what the catalogue points at, ingest every entry, compare consecutive
years, render the site, publish artifacts."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from prefect import flow
from prefect.futures import PrefectFuture

from crtdiff.catalog.load import Catalog, load_catalog
from crtdiff.errors import FetchError
from crtdiff.fetch.http import Fetched
from crtdiff.paths import DEFAULT_CATALOG, DEFAULT_OUTPUT
from crtdiff.pipeline.compare_pairs import consecutive_pairs
from crtdiff.pipeline.ingest_entries import IngestContext
from crtdiff.pipeline.outcome import EntryOutcome, RunReport, Status, utc_now_iso
from crtdiff.reference.bundle import Reference, load_reference
from crtdiff.store.snapshots import SnapshotStore
from flows.tasks import (
    compare_batch,
    fetch_page,
    ingest_batch,
    publish_artifacts,
    render_batch,
    render_site_index,
)
from reports.site import CountrySummary
from schemas import CountryReport
from schemas.diff import YearDiff

PAIRS_PER_BATCH = 200
"""Pairs compared per Prefect task: a task costs ~60 ms of orchestration, a pair ~20 ms."""

Progress = Callable[[str, int], None]
"""progress(stage, advance): called as work completes."""


@dataclass
class Prefetched:
    """A Fetcher answering from pages fetched earlier in the flow (with Prefect retries)."""

    results: dict[str, Fetched | FetchError]

    def __call__(self, url: str, etag: str | None, last_modified: str | None) -> Fetched:
        result = self.results.get(url)
        if result is None:
            raise FetchError(url, "was not fetched in this run")
        if isinstance(result, FetchError):
            raise result
        return result


def _prefetch(catalog: Catalog, store: SnapshotStore) -> Prefetched:
    urls = sorted({e.source for e in catalog.entries if e.is_url})
    futures: dict[str, PrefectFuture[Fetched | FetchError]] = {}
    for url in urls:
        latest = store.latest(url)
        etag = latest.etag if latest else None
        modified = latest.last_modified if latest else None
        futures[url] = fetch_page.submit(url, etag, modified)
    results: dict[str, Fetched | FetchError] = {}
    for url, future in futures.items():
        outcome = future.result(raise_on_failure=False)
        if isinstance(outcome, (Fetched, FetchError)):
            results[url] = outcome
        else:
            results[url] = FetchError(url, f"fetch failed ({outcome})")
    return Prefetched(results)


def batches(catalog: Catalog, per_batch: int) -> list[tuple[str, list[int]]]:
    """Entry indexes grouped by country, countries packed `per_batch` to a batch."""
    by_country: dict[str, list[int]] = {}
    for index, entry in enumerate(catalog.entries):
        by_country.setdefault(entry.country, []).append(index)
    countries = sorted(by_country)
    out = []
    for start in range(0, len(countries), per_batch):
        chunk = countries[start : start + per_batch]
        label = chunk[0] if len(chunk) == 1 else f"{chunk[0]} … {chunk[-1]}"
        out.append((label, [i for c in chunk for i in by_country[c]]))
    return out


def _ingest(
    catalog: Catalog, ctx: IngestContext, per_batch: int, run: RunReport, progress: Progress | None
) -> list[CountryReport]:
    reports: list[CountryReport] = []
    for label, indexes in batches(catalog, per_batch):
        entries = [catalog.entries[i] for i in indexes]
        for outcome, parsed in ingest_batch(label, entries, ctx):
            run.entries.append(outcome)
            if parsed is not None:
                reports.append(parsed)
        if progress is not None:
            progress("ingest", len(entries))
    return reports


def _compare(
    reports: list[CountryReport], reference: Reference, out_dir: Path, run: RunReport
) -> list[YearDiff]:
    diffs: list[YearDiff] = []
    pairs = consecutive_pairs(reports)
    for start in range(0, len(pairs), PAIRS_PER_BATCH):
        chunk = pairs[start : start + PAIRS_PER_BATCH]
        label = f"{chunk[0][1].country} … {chunk[-1][1].country}"
        for outcome, diff in compare_batch(label, chunk, reference.gazetteer, out_dir):
            run.comparisons.append(outcome)
            if diff is not None:
                diffs.append(diff)
    return diffs


def _render(
    reports: list[CountryReport], diffs: list[YearDiff], out_dir: Path, per_batch: int
) -> None:
    countries = sorted({r.country for r in reports})
    summaries: list[CountrySummary] = []
    for start in range(0, len(countries), per_batch):
        chunk = set(countries[start : start + per_batch])
        label = min(chunk) if len(chunk) == 1 else f"{min(chunk)} … {max(chunk)}"
        summaries += render_batch(
            label,
            out_dir,
            [r for r in reports if r.country in chunk],
            [d for d in diffs if d.country in chunk],
        )
    render_site_index(out_dir, summaries, reports, diffs)


@flow(name="crtdiff-run", log_prints=False, validate_parameters=False)
def crtdiff_run(
    catalog_path: str = str(DEFAULT_CATALOG),
    out_dir: str = str(DEFAULT_OUTPUT),
    countries_per_batch: int = 25,
    progress: Progress | None = None,
) -> RunReport:
    """Ingest every catalogue entry, compare consecutive years, render the site."""
    reference = load_reference()
    catalog = load_catalog(Path(catalog_path), reference.countries)
    return run_catalog(catalog, reference, Path(out_dir), countries_per_batch, progress)


def run_catalog(
    catalog: Catalog,
    reference: Reference,
    out_dir: Path,
    countries_per_batch: int = 25,
    progress: Progress | None = None,
) -> RunReport:
    """The body of the flow, for a catalogue already loaded (must run inside a flow)."""
    run = RunReport(started_at=utc_now_iso(), catalog=str(catalog.path))
    run.entries.extend(
        EntryOutcome(r.label, Status.REJECTED, reason=r.reason) for r in catalog.rejected
    )
    store = SnapshotStore(catalog.folder / "snapshots")
    ctx = IngestContext(catalog, reference, store, _prefetch(catalog, store), out_dir)
    reports = _ingest(catalog, ctx, countries_per_batch, run, progress)
    diffs = _compare(reports, reference, out_dir, run)
    if progress is not None:
        progress("render", 0)
    _render(reports, diffs, out_dir, countries_per_batch)
    if diffs:
        publish_artifacts(diffs)
    run.finished_at = utc_now_iso()
    run.write(out_dir)
    return run
