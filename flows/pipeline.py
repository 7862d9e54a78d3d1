"""The main flow: fetch what the catalogue points at, ingest every entry, compare consecutive
years, render the site, publish artifacts. Incremental: results are keyed by content and code."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from prefect import Task, flow
from prefect.futures import PrefectFuture

from crtdiff.catalog.load import Catalog, load_catalog
from crtdiff.catalog.model import CatalogEntry
from crtdiff.errors import FetchError
from crtdiff.fetch.http import Fetched
from crtdiff.paths import DEFAULT_CATALOG, DEFAULT_OUTPUT, DEFAULT_STORE
from crtdiff.pipeline.incremental import (
    RunContext,
    fetch_urls,
    index_key,
    plan_countries,
    plan_pairs,
    resolve_entry,
    split_ingest,
    split_pairs,
    stale_countries,
)
from crtdiff.pipeline.keys import Keys
from crtdiff.pipeline.manifest import Manifest, load_manifest, save_manifest
from crtdiff.pipeline.outcome import (
    EntryOutcome,
    RunReport,
    Status,
    outcome_record,
    utc_now_iso,
)
from crtdiff.reference.bundle import Reference, load_reference
from crtdiff.store.atomic import remove_stale_temporaries
from crtdiff.store.results import ResultStore
from crtdiff.store.snapshots import SnapshotStore
from flows.progress import report
from flows.tasks import (
    compare_batch,
    fetch_page,
    ingest_batch,
    publish_artifacts,
    render_batch,
    render_index,
)
from schemas.diff import YearDiff

BATCH = 125
"""Items per Prefect task: a task run costs ~60 ms of orchestration (~350 ms in a worker
process); an item 10-30 ms of work."""
RENDER_BATCH = 10
"""Countries per rendering task (a country holds up to ~50 years of chapters)."""

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


def chunks(items: Sequence[T], size: int) -> list[list[T]]:
    """Consecutive slices of at most `size` items."""
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def dispatch(task: "Task[Any, T]", calls: Sequence[tuple[Any, ...]]) -> list[T]:
    """Run task calls: a single call inline in the flow's process (no worker to start, nothing
    to ship), several through the task runner so that they run in parallel."""
    if len(calls) == 1:
        return [task(*calls[0])]
    futures = [task.submit(*args) for args in calls]
    return [future.result() for future in futures]


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
    render the site; only what changed since the last run is recomputed."""
    reference = load_reference()
    catalog = load_catalog(Path(catalog_path), reference.countries)
    return run_catalog(catalog, reference, Path(out_dir), Path(store_dir), countries, publish)


def run_catalog(
    catalog: Catalog,
    reference: Reference,
    out_dir: Path,
    store_dir: Path,
    countries: list[str] | None = None,
    publish: bool = True,
) -> RunReport:
    """The body of the flow, for a catalogue already loaded (must run inside a flow).

    What is unchanged is decided here, in the flow's process, from content keys and the output
    manifest; tasks are submitted only for what must be computed, so a run with nothing new
    costs a few file reads and hashes.
    """
    run = RunReport(started_at=utc_now_iso(), catalog=str(catalog.path))
    run.entries += [
        EntryOutcome(r.label, Status.REJECTED, reason=r.reason) for r in catalog.rejected
    ]
    wanted = {c.name for name in countries or [] if (c := reference.countries.resolve(name))}
    entries = sorted(
        (e for e in catalog.entries if not wanted or e.country in wanted),
        key=lambda e: (e.country, e.chapter, e.year),
    )
    snapshots = SnapshotStore(catalog.folder / "snapshots")
    urls = sorted({e.source for e in entries if e.is_url})
    fetched = fetch_urls(urls, snapshots, _prefetch(urls, snapshots))
    ctx = RunContext(
        catalog, reference, fetched, ResultStore(store_dir), out_dir,
        Keys.for_reference(reference.folder),
    )  # fmt: skip
    manifest = load_manifest(out_dir)
    for folder in (out_dir, store_dir, snapshots.root):
        remove_stale_temporaries(folder)  # a run killed mid-write leaves only these behind

    _ingest(entries, ctx, manifest, run)
    _compare(ctx, manifest, run)
    country_keys = _render(ctx, manifest, run, keep_others=bool(wanted))

    for outcome in run.entries + run.comparisons:
        if outcome.status is Status.OK and outcome.output and outcome.report_key:
            manifest.outputs[outcome.output] = outcome.report_key
    ok = [o for o in run.entries if o.status is Status.OK]
    manifest.reports.update({o.key: outcome_record(o) for o in ok})
    manifest.pairs.update(
        {c.key: outcome_record(c) for c in run.comparisons if c.status is Status.OK}
    )
    manifest.countries = country_keys
    save_manifest(out_dir, manifest)
    if publish:
        _publish(run, ctx)
    run.finished_at = utc_now_iso()
    run.write(out_dir)
    return run


def _ingest(
    entries: list[CatalogEntry], ctx: RunContext, manifest: Manifest, run: RunReport
) -> None:
    resolved = [resolve_entry(e, ctx) for e in entries]
    done, todo = split_ingest(resolved, manifest, ctx.out_dir)
    run.entries += done
    report("ingest", len(done))
    calls = [
        (_label(b[0].entry.key, b[-1].entry.key), b, ctx, manifest) for b in chunks(todo, BATCH)
    ]
    for outcomes in dispatch(ingest_batch, calls):
        run.entries += outcomes
        report("ingest", len(outcomes))
    ok = [o for o in run.entries if o.status is Status.OK]
    run.work.ingested = sum(1 for o in ok if not o.cached)
    run.work.ingest_cached = sum(1 for o in ok if o.cached)


def _compare(ctx: RunContext, manifest: Manifest, run: RunReport) -> None:
    done, todo = split_pairs(plan_pairs(run.entries, ctx.keys), manifest, ctx.out_dir)
    run.comparisons += done
    calls = [(_label(b[0].country, b[-1].country), b, ctx, manifest) for b in chunks(todo, BATCH)]
    for outcomes in dispatch(compare_batch, calls):
        run.comparisons += outcomes
    report("compare")
    compared = [c for c in run.comparisons if c.status is Status.OK]
    run.work.compared = sum(1 for c in compared if not c.cached)
    run.work.compare_cached = sum(1 for c in compared if c.cached)


def _render(
    ctx: RunContext, manifest: Manifest, run: RunReport, keep_others: bool
) -> dict[str, str]:
    """Render stale countries and, when anything changed, the index; returns country keys."""
    plans = plan_countries(run.entries, run.comparisons, ctx.keys)
    stale = stale_countries(plans, manifest, ctx.results)
    calls = [(_label(b[0].country, b[-1].country), b, ctx) for b in chunks(stale, RENDER_BATCH)]
    run.work.countries_rendered = sum(dispatch(render_batch, calls))
    run.work.countries_cached = len(plans) - run.work.countries_rendered
    country_keys = dict(manifest.countries) if keep_others else {}
    country_keys.update({p.country: p.key for p in plans})
    key = index_key(country_keys, ctx.keys)
    if manifest.index != key or not (ctx.out_dir / "index.html").is_file():
        render_index(country_keys, ctx)
        run.work.index_rendered = 1
    manifest.index = key
    report("render")
    return country_keys


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
        publish_artifacts(diffs)
