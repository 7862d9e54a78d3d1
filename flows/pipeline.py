"""The main flow: fetch what the catalogue points at, ingest every entry, compare consecutive
years, render the site, publish artifacts. Incremental: results are keyed by content and code."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from prefect import Task, flow, get_run_logger
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture
from prefect.states import Failed
from prefect.utilities.annotations import quote

from crtdiff.catalog.load import Catalog, load_catalog
from crtdiff.catalog.model import CatalogEntry
from crtdiff.catalog.sources import validators
from crtdiff.errors import FetchError
from crtdiff.fetch.http import Fetched
from crtdiff.paths import DEFAULT_CATALOG, DEFAULT_OUTPUT, DEFAULT_STORE
from crtdiff.pipeline.boundary import RunStoppedError, guard_run, unwrap
from crtdiff.pipeline.incremental import (
    CountryJob,
    CountryResult,
    Resolved,
    RunContext,
    archive_pages_present,
    damaged_countries,
    fetch_urls,
    index_key,
    keyed_pages,
    replace_keyed_pages,
    resolve_entry,
    settle_country,
)
from crtdiff.pipeline.keys import Keys
from crtdiff.pipeline.manifest import Manifest, load_manifest, save_manifest
from crtdiff.pipeline.outcome import (
    EntryOutcome,
    RunReport,
    Status,
    cached_outcome,
    outcome_record,
    utc_now_iso,
)
from crtdiff.pipeline.retire import retire_outputs
from crtdiff.pipeline.series_site import merge_reports, series_out_dir, split_by_series
from crtdiff.reference.bundle import Reference, load_reference
from crtdiff.store.atomic import remove_stale_temporaries
from crtdiff.store.fingerprint import digest
from crtdiff.store.lock import run_lock
from crtdiff.store.results import ResultStore
from crtdiff.store.snapshots import SnapshotStore
from flows.progress import report
from flows.tasks import fetch_page, process_countries, publish_artifacts, render_index
from schemas.diff import YearDiff

BATCH = 150
"""Entries per Prefect task (whole countries): a task run costs ~60 ms of orchestration
(~350 ms in a worker process); an entry 30-40 ms of work."""

T = TypeVar("T")


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


def _prefetch(urls: list[str], store: SnapshotStore) -> Prefetched:
    futures: dict[str, PrefectFuture[Fetched | FetchError]] = {}
    for url in urls:
        futures[url] = fetch_page.submit(url, *validators(store, url))
    results: dict[str, Fetched | FetchError] = {}
    for url, future in futures.items():
        outcome = future.result(raise_on_failure=False)
        if isinstance(outcome, (Fetched, FetchError)):
            results[url] = outcome
        else:
            results[url] = FetchError(url, f"fetch failed ({outcome})")
    return Prefetched(results)


def dispatch(task: "Task[Any, T]", calls: Sequence[tuple[Any, ...]]) -> list[T]:
    """Run task calls: a single call inline in the flow's process (no worker to start, nothing
    to ship), several through the task runner so that they run in parallel.

    Arguments are quoted: Prefect would otherwise walk every object inside them (a catalogue of
    10,000 entries, a manifest of 50,000 records) looking for futures, which costs seconds.
    """
    wrap = quote if _quotes_survive() else _bare
    quoted = [tuple(wrap(arg) for arg in args) for args in calls]
    if len(quoted) == 1:
        return [task(*quoted[0])]
    futures = [task.submit(*args) for args in quoted]
    return [future.result() for future in futures]


def _bare(arg: T) -> T:
    return arg


def _quotes_survive() -> bool:
    """False on a Dask cluster: Dask serialises a quoted argument as a plain nested tuple, so the
    task would receive ((value,),) instead of the value; there arguments go unquoted."""
    try:
        from prefect_dask.task_runners import DaskTaskRunner
    except ImportError:
        return True
    context = FlowRunContext.get()
    return context is None or not isinstance(context.task_runner, DaskTaskRunner)


def _label(first: str, last: str) -> str:
    return first if first == last else f"{first} … {last}"


@flow(name="crtdiff-run", log_prints=False, validate_parameters=False)
def crtdiff_run(
    catalog_path: str = str(DEFAULT_CATALOG),
    out_dir: str = str(DEFAULT_OUTPUT),
    store_dir: str = str(DEFAULT_STORE),
    countries: list[str] | None = None,
    publish: bool = True,
) -> RunReport:
    """Ingest every catalogue entry (or those of `countries`), compare consecutive years,
    render the site; only what changed since the last run is recomputed.

    A run stopped by the environment or by a bug writes a report that says so and ends in a
    Failed state holding it (`RunStoppedError`; see crtdiff/pipeline/boundary.py)."""

    def body() -> RunReport:
        # Held already by `crtdiff run`; taken here for deployed and `watch` runs.
        with run_lock(Path(out_dir), lambda message: get_run_logger().warning(message)):
            reference = load_reference()
            catalog = load_catalog(Path(catalog_path), reference.countries)
            return run_all_series(
                catalog, reference, Path(out_dir), Path(store_dir), countries, publish
            )

    report = guard_run(body, Path(out_dir), catalog_path, utc_now_iso())
    if report.exit_code >= 2:
        # Prefect makes a returned state the run's final state; a direct call raises its data.
        stopped = RunStoppedError(report)
        return Failed(message=str(stopped), data=stopped)  # type: ignore[return-value]
    return report


def run_all_series(
    catalog: Catalog,
    reference: Reference,
    out_dir: Path,
    store_dir: Path,
    countries: list[str] | None = None,
    publish: bool = True,
) -> RunReport:
    """run_catalog for each series of the catalogue, each in its own output folder (CRT in the
    output folder itself, as always); one report for all, written last in the output folder."""
    parts = split_by_series(catalog)
    if len(parts) == 1:
        return run_catalog(catalog, reference, out_dir, store_dir, countries, publish)
    site = tuple(parts)
    reports = {
        name: run_catalog(
            part, reference, series_out_dir(out_dir, name), store_dir, countries, publish,
            series=name, site=site,
        )
        for name, part in parts.items()
    }  # fmt: skip
    merged = merge_reports(reports, str(catalog.path))
    merged.write(out_dir)
    return merged


def run_catalog(
    catalog: Catalog,
    reference: Reference,
    out_dir: Path,
    store_dir: Path,
    countries: list[str] | None = None,
    publish: bool = True,
    series: str = "crt",
    site: tuple[str, ...] = (),
) -> RunReport:
    """The body of the flow, for a catalogue already loaded (must run inside a flow).

    What is unchanged is decided here, in the flow's process, from content keys and the output
    manifest; a task is submitted only for the countries with something to compute, so a run
    with nothing new costs a few file reads and hashes.
    """
    run = RunReport(started_at=utc_now_iso(), catalog=str(catalog.path))
    run.entries += [
        EntryOutcome(r.label, Status.REJECTED, reason=r.reason) for r in catalog.rejected
    ]
    wanted = {c.name for name in countries or [] if (c := reference.countries.resolve(name))}
    results_store, manifest = ResultStore(store_dir), load_manifest(out_dir)
    if wanted:  # a country outside the run whose stored summary is damaged is rebuilt too
        wanted |= damaged_countries(manifest.countries, results_store)
    entries = sorted(
        (e for e in catalog.entries if not wanted or e.country in wanted),
        key=lambda e: (e.country, e.chapter, e.year),
    )
    snapshots = SnapshotStore(catalog.folder / "snapshots")
    urls = sorted({e.source for e in entries if e.is_url})
    fetched = fetch_urls(urls, snapshots, _prefetch(urls, snapshots))
    ctx = RunContext(
        catalog, reference, fetched, results_store, out_dir,
        Keys.for_reference(reference.folder), series, site,
    )  # fmt: skip
    for folder in (out_dir, store_dir, snapshots.root):
        remove_stale_temporaries(folder)  # a run killed mid-write leaves only these behind

    jobs, country_keys = _settle(entries, ctx, manifest, run)
    results = _process(jobs, entries, ctx, manifest)
    for result in results:
        run.entries += result.entries
        run.comparisons += result.pairs
        manifest.outputs.update(result.outputs)
        if result.key is not None:
            country_keys[result.country] = result.key
    _count(run, results)
    retire_outputs(run, manifest, out_dir, country_keys, wanted or None)
    if wanted:
        country_keys = {**manifest.countries, **country_keys}
    key = index_key(country_keys, ctx.keys)
    if site:  # the links to the other series are on the index
        key = digest(key, *site)
    if manifest.index != key or not archive_pages_present(out_dir):
        pages = unwrap(dispatch(render_index, [(country_keys, ctx, keyed_pages(manifest))])[0])
        replace_keyed_pages(manifest, pages)
        run.work.index_rendered = 1
    report("render")

    _remember(run, manifest, country_keys, key)
    save_manifest(out_dir, manifest)
    if publish:
        _publish(run, ctx)
    run.finished_at = utc_now_iso()
    run.write(out_dir)
    return run


def _settle(
    entries: list[CatalogEntry], ctx: RunContext, manifest: Manifest, run: RunReport
) -> tuple[list[CountryJob], dict[str, str]]:
    """Resolve and key every entry; settle the countries with nothing to do; return the jobs
    of the others and the keys of the settled ones."""
    by_country: dict[str, list[Resolved]] = defaultdict(list)
    for entry in entries:
        by_country[entry.country].append(resolve_entry(entry, ctx))
    jobs: list[CountryJob] = []
    keys: dict[str, str] = {}
    for country, resolved in by_country.items():
        cached: list[EntryOutcome] = []
        todo: list[Resolved] = []
        for item in resolved:
            record = manifest.reports.get(item.entry.key)
            if item.failure is not None:
                cached.append(item.failure)
            elif (
                item.raw is None
                and record is not None
                and record.get("report_key") == item.key
                and manifest.fresh(ctx.out_dir, record["output"], item.key or "")
            ):
                cached.append(cached_outcome(record, item.notes))
            else:
                todo.append(item)
        settled = None if todo else settle_country(cached, ctx, manifest)
        if settled is None:
            jobs.append(CountryJob(country, todo, cached))
            continue
        pairs, keys[country] = settled
        run.entries += cached
        run.comparisons += pairs
        run.work.countries_cached += 1
        report("ingest", len(cached))
    return jobs, keys


def _process(
    jobs: list[CountryJob], entries: list[CatalogEntry], ctx: RunContext, manifest: Manifest
) -> list[CountryResult]:
    batches: list[list[CountryJob]] = []
    for job in jobs:  # batches of about BATCH entries, whole countries
        size = len(job.todo) + len(job.cached)
        if not batches or sum(len(j.todo) + len(j.cached) for j in batches[-1]) + size > BATCH:
            batches.append([])
        batches[-1].append(job)
    by_country: dict[str, list[CatalogEntry]] = defaultdict(list)
    for entry in entries:
        by_country[entry.country].append(entry)
    calls = [
        (
            _label(b[0].country, b[-1].country),
            b,
            ctx.for_entries(e for job in b for e in by_country[job.country]),
            manifest.subset(job.country for job in b),
        )
        for b in batches
    ]
    results: list[CountryResult] = []
    for outcome in dispatch(process_countries, calls):
        batch = unwrap(outcome)
        results += batch
        report("ingest", sum(len(r.entries) for r in batch))
    return results


def _count(run: RunReport, results: list[CountryResult]) -> None:
    ok = [o for o in run.entries if o.status is Status.OK]
    run.work.ingested = sum(1 for o in ok if not o.cached)
    run.work.ingest_cached = sum(1 for o in ok if o.cached)
    compared = [c for c in run.comparisons if c.status is Status.OK]
    run.work.compared = sum(1 for c in compared if not c.cached)
    run.work.compare_cached = sum(1 for c in compared if c.cached)
    run.work.countries_rendered = sum(1 for r in results if r.rendered)
    run.work.countries_cached += sum(1 for r in results if not r.rendered and r.key)


def _remember(run: RunReport, manifest: Manifest, country_keys: dict[str, str], index: str) -> None:
    """Record this run's outputs and outcomes for the next run to reuse."""
    for outcome in run.entries + run.comparisons:
        if outcome.status is Status.OK and outcome.output and outcome.report_key:
            manifest.outputs[outcome.output] = outcome.report_key
    ok = [o for o in run.entries if o.status is Status.OK]
    manifest.reports.update({o.key: outcome_record(o) for o in ok})
    manifest.pairs.update(
        {c.key: outcome_record(c) for c in run.comparisons if c.status is Status.OK}
    )
    manifest.countries = country_keys
    manifest.index = index


def _publish(run: RunReport, ctx: RunContext) -> None:
    """Artifacts for each country's newest pair that was recomputed in this run."""
    newest: dict[str, EntryOutcome] = {}
    recomputed = [
        c for c in run.comparisons if c.status is Status.OK and not c.cached and c.country
    ]
    for c in sorted(recomputed, key=lambda c: c.year or 0):
        newest[c.country or ""] = c
    loaded = [ctx.results.load("diffs", c.report_key or "", YearDiff) for c in newest.values()]
    diffs = [d for d in loaded if d is not None]
    if diffs:
        dispatch(publish_artifacts, [(diffs,)])
