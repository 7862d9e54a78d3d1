"""The main flow: fetch what the catalogue points at, ingest every entry, compare consecutive
years, render the site, publish artifacts. Incremental: results are keyed by content and code."""

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar, cast

from prefect import Task, flow, get_run_logger
from prefect.client.schemas.objects import State
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
from crtdiff.pipeline.archive_coverage import publish_coverage
from crtdiff.pipeline.boundary import RunStoppedError, guard_run, unwrap
from crtdiff.pipeline.incremental import CountryResult, keyed_pages, replace_keyed_pages
from crtdiff.pipeline.keys import Keys
from crtdiff.pipeline.manifest import Manifest, load_manifest, save_manifest
from crtdiff.pipeline.narrate import counts, outcome_lines, settled_line, state_name, work_line
from crtdiff.pipeline.outcome import (
    EntryOutcome,
    RunReport,
    Status,
    outcome_record,
    rejection_record,
    utc_now_iso,
)
from crtdiff.pipeline.retire import retire_outputs
from crtdiff.pipeline.series_site import (
    merge_reports,
    series_out_dir,
    series_title,
    split_by_series,
)
from crtdiff.pipeline.settle import (
    CountryJob,
    FetchedUrls,
    RunContext,
    damaged_countries,
    fetch_urls,
    select_entries,
    settle,
    site_index,
)
from crtdiff.pipeline.url_checks import plan_urls, record_check
from crtdiff.reference.bundle import Reference, load_reference
from crtdiff.reference.series import DEFAULT_SERIES
from crtdiff.store.atomic import remove_stale_temporaries
from crtdiff.store.lock import run_lock
from crtdiff.store.results import ResultStore
from crtdiff.store.snapshots import SnapshotStore
from flows.logs import log_lines
from flows.progress import report, stage_label
from flows.server import track
from flows.tasks import fetch_page, named_state, process_countries, publish_artifacts, render_index
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
    if urls:
        report("fetch", total=len(urls))
    futures: dict[str, PrefectFuture[Fetched | FetchError]] = {}
    for url in urls:
        # An async task's future resolves to its value, whatever the type stubs say.
        submitted = fetch_page.submit(url, *validators(store, url))
        futures[url] = cast("PrefectFuture[Fetched | FetchError]", submitted)
        track(futures[url].task_run_id)
    results: dict[str, Fetched | FetchError] = {}
    for url, future in futures.items():
        outcome = future.result(raise_on_failure=False)
        if isinstance(outcome, (Fetched, FetchError)):
            results[url] = outcome
        else:
            results[url] = FetchError(url, f"fetch failed ({outcome})")
        report("fetch", 1)
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
        # The state, for the task run's id; mypy picks the overload without `return_state`.
        state = cast("State[T]", task(*quoted[0], return_state=True))
        track(state.state_details.task_run_id)
        return [state.result()]
    futures = [task.submit(*args) for args in quoted]
    for future in futures:
        track(future.task_run_id)
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
    recheck_after_s: float = 0.0,
) -> RunReport:
    """Ingest every catalogue entry (or those of `countries`), compare consecutive years,
    render the site; only what changed since the last run is recomputed. URLs checked less
    than `recheck_after_s` seconds ago are not asked again (0: ask every one).

    Ends in a Completed state named `Completed`, or `Incomplete` when some entries were
    rejected or unavailable, whose message gives the counts. A run stopped by the environment
    or by a bug writes a report that says so and ends in a Failed state holding it
    (`RunStoppedError`; see crtdiff/pipeline/boundary.py)."""

    def body() -> RunReport:
        # Held already by `crtdiff run`; taken here for deployed and `watch` runs.
        with run_lock(Path(out_dir), lambda message: get_run_logger().warning(message)):
            reference = load_reference()
            catalog = load_catalog(Path(catalog_path), reference.countries)
            recheck = timedelta(seconds=recheck_after_s)
            return run_all_series(
                catalog, reference, Path(out_dir), Path(store_dir), countries, publish, recheck
            )

    run = guard_run(body, Path(out_dir), catalog_path, utc_now_iso())
    if run.exit_code >= 2:
        # Prefect makes a returned state the run's final state; a direct call raises its data.
        stopped = RunStoppedError(run)
        return Failed(message=str(stopped), data=stopped)  # type: ignore[return-value]
    message = f"{counts(run)}; {work_line(run)}"
    log_lines([(logging.INFO, message)])
    return named_state(run, state_name(run), message)


def run_all_series(
    catalog: Catalog,
    reference: Reference,
    out_dir: Path,
    store_dir: Path,
    countries: list[str] | None = None,
    publish: bool = True,
    recheck_after: timedelta = timedelta(0),
) -> RunReport:
    """run_catalog for each series of the catalogue, each in its own output folder (CRT in the
    output folder itself, as always); one report for all, written last in the output folder,
    and published once with every series' newest pairs."""
    parts = split_by_series(catalog)
    if len(parts) == 1:
        return run_catalog(
            catalog, reference, out_dir, store_dir, countries, publish, recheck_after
        )
    site = tuple(parts)
    reports: dict[str, RunReport] = {}
    for name, part in parts.items():
        folder = series_out_dir(out_dir, name)
        count = len(part.entries)
        entries = f"{count} catalogue {'entry' if count == 1 else 'entries'}"
        log_lines([(logging.INFO, f"{series_title(name)}: {entries}, outputs in {folder}")])
        with stage_label(None if name == DEFAULT_SERIES else name):
            reports[name] = run_catalog(
                part, reference, folder, store_dir, countries, False, recheck_after,
                series=name, site=site,
            )  # fmt: skip
    merged = merge_reports(reports, str(catalog.path))
    if publish:
        store = ResultStore(store_dir)
        _publish(merged, [d for r in reports.values() for d in _newest_pairs(r, store)])
    merged.write(out_dir)
    return merged


def run_catalog(
    catalog: Catalog,
    reference: Reference,
    out_dir: Path,
    store_dir: Path,
    countries: list[str] | None = None,
    publish: bool = True,
    recheck_after: timedelta = timedelta(0),
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
    results_store, manifest = ResultStore(store_dir), load_manifest(out_dir)
    entries, wanted = select_entries(catalog, reference.countries, countries)
    if wanted:  # a country outside the run whose stored summary is damaged is rebuilt too
        damaged = damaged_countries(manifest.countries, results_store)
        entries, wanted = select_entries(catalog, reference.countries, [*wanted, *damaged])
    snapshots = SnapshotStore(catalog.folder / "snapshots")
    ctx = RunContext(
        catalog, reference, _fetch(entries, snapshots, manifest, recheck_after, run),
        results_store, out_dir, Keys.for_reference(reference.folder), series, site,
    )  # fmt: skip
    for folder in (out_dir, store_dir, snapshots.root):
        remove_stale_temporaries(folder)  # a run killed mid-write leaves only these behind

    report("ingest", total=len(entries))
    jobs, country_keys = settle(entries, ctx, manifest, run, report)
    if unchanged := len({e.country for e in entries}) - len(jobs):
        failed = [o for o in run.entries if o.status is not Status.OK]
        log_lines([*outcome_lines(failed, []), settled_line(unchanged, run)])
    results = _process(jobs, entries, ctx, manifest)
    for result in results:
        run.entries += result.entries
        run.comparisons += result.pairs
        manifest.outputs.update(result.outputs)
        if result.key is not None:
            country_keys[result.country] = result.key
    _count(run, results)
    retire_outputs(run, manifest, out_dir, country_keys, wanted or None)
    publish_coverage(catalog.entries, run.entries, manifest, out_dir, series)
    country_keys, key, stale = site_index(country_keys, wanted, manifest, ctx)
    if stale:
        pages = unwrap(dispatch(render_index, [(country_keys, ctx, keyed_pages(manifest))])[0])
        replace_keyed_pages(manifest, pages)
        run.work.index_rendered = 1
    report("render")

    _remember(run, manifest, country_keys, key)
    save_manifest(out_dir, manifest)
    if publish:
        _publish(run, _newest_pairs(run, results_store))
    run.finished_at = utc_now_iso()
    run.write(out_dir)
    return run


def _fetch(
    entries: list[CatalogEntry],
    snapshots: SnapshotStore,
    manifest: Manifest,
    recheck_after: timedelta,
    run: RunReport,
) -> FetchedUrls:
    """Fetch the URLs due for a check (Prefect tasks, with retries), reuse the others' last
    check, and record this run's checks in the manifest."""
    now = datetime.now(UTC)
    urls = sorted({e.source for e in entries if e.is_url})
    plan = plan_urls(urls, manifest.urls, snapshots, now, recheck_after)
    prefetched = _prefetch(plan.due, snapshots)
    fetched = fetch_urls(plan.due, snapshots, prefetched)
    for url in plan.due:
        check = record_check(url, prefetched.results.get(url), snapshots, now)
        manifest.urls[url] = check.as_dict()
    run.next_url_check = plan.next_check.isoformat() if plan.next_check else None
    return FetchedUrls({**plan.reused, **fetched.results})


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
    for o in run.entries:
        if o.status is Status.REJECTED and o.report_key:
            manifest.rejected[o.key] = rejection_record(o)
        elif o.status is Status.OK:
            manifest.rejected.pop(o.key, None)
    manifest.pairs.update(
        {c.key: outcome_record(c) for c in run.comparisons if c.status is Status.OK}
    )
    manifest.countries = country_keys
    manifest.index = index


def _newest_pairs(run: RunReport, results: ResultStore) -> list[YearDiff]:
    """Each country's newest pair (recomputed in this run or not: the artifacts are the latest
    state of every country, under keys that never change)."""
    newest: dict[tuple[str, str], EntryOutcome] = {}
    compared = [c for c in run.comparisons if c.status is Status.OK and c.country]
    for c in sorted(compared, key=lambda c: c.year or 0):
        newest[(c.country or "", c.chapter or "country")] = c
    loaded = [results.load("diffs", c.report_key or "", YearDiff) for c in newest.values()]
    return [d for d in loaded if d is not None]


def _publish(run: RunReport, diffs: list[YearDiff]) -> None:
    """The run report and the newest pairs, as artifacts."""
    dispatch(publish_artifacts, [(run, diffs)])
