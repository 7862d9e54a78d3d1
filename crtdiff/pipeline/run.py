"""A whole run as plain functions: fetch what the catalogue points at, settle what is unchanged,
dispatch the other countries in batches, retire what left the catalogue, render the index when
stale, remember everything in the output manifest. Whoever runs it passes its means in (a
Wiring): the Prefect flow its tasks, the plain-loop runner the steps called in place."""

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

from crtdiff.catalog.load import Catalog, load_catalog
from crtdiff.catalog.model import CatalogEntry
from crtdiff.errors import WorkspaceError
from crtdiff.pipeline.answers import FetchedUrls
from crtdiff.pipeline.archive_coverage import publish_coverage
from crtdiff.pipeline.batches import batch_calls, process_batch
from crtdiff.pipeline.bookkeeping import remember, take_results
from crtdiff.pipeline.boundary import guard_run, unwrap
from crtdiff.pipeline.collector import older_objects_set_aside
from crtdiff.pipeline.context import RunContext
from crtdiff.pipeline.country_task import CountryResult
from crtdiff.pipeline.index_pages import keyed_pages, render_index_pages, replace_keyed_pages
from crtdiff.pipeline.keys import Keys
from crtdiff.pipeline.manifest import Manifest, load_manifest, read_parts, save_manifest
from crtdiff.pipeline.narrate import outcome_lines, settled_line
from crtdiff.pipeline.newest_pairs import newest_pairs
from crtdiff.pipeline.outcome import EntryOutcome, RunReport, Status, utc_now_iso
from crtdiff.pipeline.retire import retire_outputs
from crtdiff.pipeline.series_site import (
    merge_reports,
    series_out_dir,
    series_title,
    split_by_series,
)
from crtdiff.pipeline.settle import CountryJob, select_entries, settle, site_index
from crtdiff.pipeline.stored_parts import DamagedSummaryError
from crtdiff.pipeline.url_checks import check_urls
from crtdiff.pipeline.wiring import Wiring
from crtdiff.reference.bundle import Reference, load_reference
from crtdiff.reference.series import DEFAULT_SERIES
from crtdiff.schemas.diff import YearDiff
from crtdiff.store.atomic import mark_clean_end, sweep_unless_clean_end
from crtdiff.store.layout import LAYOUT_CHANGED, settle_layout
from crtdiff.store.lock import run_lock
from crtdiff.store.removal import removals_finished
from crtdiff.store.results import ResultStore
from crtdiff.store.snapshots import SnapshotStore

Publish = Callable[[RunReport, list[YearDiff]], object]
"""Publish a run's report and each country's newest pair (the flow: as Prefect artifacts)."""


@dataclass(frozen=True)
class RunScope:
    """Where a run writes, what it covers and what it publishes (one series' run gets its own
    output folder and publishes nothing: the run over all series publishes once)."""

    out_dir: Path
    store_dir: Path
    countries: list[str] | None = None
    """Only these countries (None: every one)."""
    publish: Publish | None = None
    recheck_after: timedelta = timedelta(0)
    """A catalogue URL checked more recently is not asked again."""


def run_guarded(
    wiring: Wiring,
    catalog_path: Path,
    out_dir: Path,
    store_dir: Path,
    countries: list[str] | None = None,
    publish: Publish | None = None,
    recheck_after: timedelta = timedelta(0),
    on_wait: Callable[[str], None] = lambda message: None,
) -> RunReport:
    """Load the reference tables and the catalogue and run every series under the output
    folder's lock (`on_wait` told when another run holds it); whatever stops the run still
    yields a report (see crtdiff/pipeline/boundary.py)."""

    def body() -> RunReport:
        with older_objects_set_aside(), run_lock(out_dir, on_wait), removals_finished():
            reference = load_reference()
            catalog = load_catalog(catalog_path, reference.countries)
            scope = RunScope(out_dir, store_dir, countries, publish, recheck_after)
            return run_all_series(catalog, reference, scope, wiring)

    return guard_run(body, out_dir, str(catalog_path), utc_now_iso())


def run_all_series(
    catalog: Catalog, reference: Reference, scope: RunScope, wiring: Wiring
) -> RunReport:
    """run_catalog for each series of the catalogue, each in its own output folder (CRT in the
    output folder itself, as always); one report for all, written last in the output folder,
    and published once with every series' newest pairs."""
    parts = split_by_series(catalog)
    if len(parts) == 1:
        return run_catalog(catalog, reference, scope, wiring)
    site = tuple(parts)
    reports: dict[str, RunReport] = {}
    for name, part in parts.items():
        folder = series_out_dir(scope.out_dir, name)
        count = len(part.entries)
        entries = f"{count} catalogue {'entry' if count == 1 else 'entries'}"
        wiring.log([(logging.INFO, f"{series_title(name)}: {entries}, outputs in {folder}")])
        with wiring.label(None if name == DEFAULT_SERIES else name):
            series_scope = replace(scope, out_dir=folder, publish=None)
            reports[name] = run_catalog(part, reference, series_scope, wiring, name, site)
    merged = merge_reports(reports, str(catalog.path))
    if scope.publish is not None:
        store = ResultStore(scope.store_dir)
        scope.publish(merged, [d for r in reports.values() for d in newest_pairs(r, store)])
    merged.write(scope.out_dir)
    return merged


def _check_urls(
    entries: list[CatalogEntry],
    snapshots: SnapshotStore,
    manifest: Manifest,
    scope: RunScope,
    wiring: Wiring,
    run: RunReport,
) -> FetchedUrls:
    """Check the entries' URLs (check_urls); the run learns when the first reused one is due."""
    urls, next_check = check_urls(
        [e.source for e in entries if e.is_url], snapshots, manifest.urls, scope.recheck_after,
        wiring.fetch, wiring.progress,
    )  # fmt: skip
    due = [d for d in (run.next_url_check, next_check and next_check.isoformat()) if d]
    run.next_url_check = min(due) if due else None
    return urls


def compute(
    jobs: list[CountryJob],
    entries: list[CatalogEntry],
    ctx: RunContext,
    manifest: Manifest,
    run: RunReport,
    country_keys: dict[str, str],
    wiring: Wiring,
) -> None:
    """Dispatch the countries with something to compute, in batches, and take their results
    into the run, the manifest and `country_keys`."""
    results: list[CountryResult] = []
    calls = batch_calls(jobs, entries, ctx, manifest, parallel=wiring.parallel())
    for outcome in wiring.dispatch(process_batch, calls) if calls else ():
        done = unwrap(outcome)
        results += done
        wiring.progress("ingest", sum(len(r.entries) for r in done))
    take_results(run, manifest, country_keys, results)


def render_index(
    country_keys: dict[str, str], ctx: RunContext, manifest: Manifest, wiring: Wiring
) -> dict[str, str] | DamagedSummaryError:
    """The index and pages across countries, as a step: the group and year pages with their
    keys, or the countries whose stored summaries proved damaged."""
    call = (country_keys, ctx, keyed_pages(manifest))
    result: dict[str, str] | WorkspaceError | DamagedSummaryError
    result = next(wiring.dispatch(render_index_pages, [call]))
    if isinstance(result, DamagedSummaryError):
        return result
    return unwrap(result)


def run_catalog(
    catalog: Catalog,
    reference: Reference,
    scope: RunScope,
    wiring: Wiring,
    series: str = "crt",
    site: tuple[str, ...] = (),
) -> RunReport:
    """One series' run, for a catalogue already loaded.

    What is unchanged is decided here, in the caller's process, from content keys and the
    output manifest; a batch is dispatched only for the countries with something to compute,
    so a run with nothing new costs a few file reads and hashes.
    """
    out_dir, store_dir, countries = scope.out_dir, scope.store_dir, scope.countries
    run = RunReport(started_at=utc_now_iso(), catalog=str(catalog.path))
    run.entries += [
        EntryOutcome(r.label, Status.REJECTED, reason=r.reason) for r in catalog.rejected
    ]
    entries, wanted = select_entries(catalog, reference.countries, countries)
    results_store, manifest = ResultStore(store_dir), load_manifest(out_dir, wanted or None)
    if retired := settle_layout(store_dir):
        wiring.log([(logging.INFO, f"{store_dir}: {LAYOUT_CHANGED} ({', '.join(retired)})")])
    snapshots = SnapshotStore(catalog.folder / "snapshots")
    urls = _check_urls(entries, snapshots, manifest, scope, wiring, run)
    ctx = RunContext(
        catalog, reference, urls, results_store, out_dir, Keys.for_reference(reference.folder),
        series, site,
    )  # fmt: skip
    # A run killed mid-write leaves only temporaries behind.
    sweep_unless_clean_end(out_dir, [out_dir, store_dir, snapshots.root])

    wiring.progress("ingest", total=len(entries))
    jobs, country_keys = settle(entries, ctx, manifest, run, wiring.progress)
    if unchanged := len({e.country for e in entries}) - len(jobs):
        failed = [o for o in run.entries if o.status is not Status.OK]
        wiring.log([*outcome_lines(failed, []), settled_line(unchanged, run)])
    compute(jobs, entries, ctx, manifest, run, country_keys, wiring)
    retire_outputs(run, manifest, out_dir, country_keys, wanted or None)
    publish_coverage(catalog.entries, run.entries, manifest, out_dir, series, ctx.keys.render)
    country_keys, key, stale = site_index(country_keys, wanted, manifest, ctx)
    if stale:
        pages = render_index(country_keys, ctx, manifest, wiring)
        if isinstance(pages, DamagedSummaryError):
            # A run of some countries reads the others' stored summaries only here: those
            # found damaged are rebuilt, then the pages made again. A country of the run was
            # just checked or written: damaged now, it was damaged during the run.
            damaged = set(pages.countries)
            if damaged & {e.country for e in entries}:
                raise pages
            more, _ = select_entries(catalog, reference.countries, pages.countries)
            read_parts(manifest, out_dir, damaged)
            wiring.progress("ingest", total=len(entries) + len(more))
            urls = _check_urls(more, snapshots, manifest, scope, wiring, run)
            ctx = replace(ctx, urls=urls)
            for country in damaged:  # kept only if it is computed again
                country_keys.pop(country, None)
            jobs, _settled = settle(more, ctx, manifest, run, wiring.progress)
            country_keys.update(_settled)
            compute(jobs, more, ctx, manifest, run, country_keys, wiring)
            # One no longer catalogued leaves the site, as a run of all countries would do.
            retire_outputs(run, manifest, out_dir, country_keys, damaged)
            publish_coverage(
                catalog.entries, run.entries, manifest, out_dir, series, ctx.keys.render
            )
            country_keys, key, _stale = site_index(country_keys, wanted, manifest, ctx)
            pages = render_index(country_keys, ctx, manifest, wiring)
            if isinstance(pages, DamagedSummaryError):
                raise pages
        replace_keyed_pages(manifest, pages)
        run.work.index_rendered = 1
    wiring.progress("render")

    remember(run, manifest, country_keys, key)
    save_manifest(out_dir, manifest)
    if scope.publish is not None:
        scope.publish(run, newest_pairs(run, results_store))
    run.finished_at = utc_now_iso()
    run.write(out_dir)
    mark_clean_end(out_dir)
    return run
