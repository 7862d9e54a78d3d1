"""The main flow: fetch what the catalogue points at, ingest every entry, compare consecutive
years, render the site, publish artifacts. Incremental: results are keyed by content and code."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from prefect import flow
from prefect.futures import PrefectFuture

from crtdiff.catalog.load import Catalog, load_catalog
from crtdiff.errors import FetchError
from crtdiff.fetch.http import Fetched
from crtdiff.paths import DEFAULT_CATALOG, DEFAULT_OUTPUT, DEFAULT_STORE
from crtdiff.pipeline.incremental import RunContext, fetch_urls, plan_countries, plan_pairs
from crtdiff.pipeline.keys import Keys
from crtdiff.pipeline.manifest import load_manifest, save_manifest
from crtdiff.pipeline.outcome import EntryOutcome, RunReport, Status, utc_now_iso
from crtdiff.reference.bundle import Reference, load_reference
from crtdiff.store.results import ResultStore
from crtdiff.store.snapshots import SnapshotStore
from flows.tasks import (
    compare_batch,
    fetch_page,
    ingest_batch,
    publish_artifacts,
    render_batch,
    render_index,
)
from schemas.diff import YearDiff

BATCH = 250
"""Items per Prefect task: a task run costs ~60 ms of orchestration; an item 5-50 ms of work."""

Progress = Callable[[str, int], None]
"""progress(stage, advance): called as work completes."""

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


def _label(first: str, last: str) -> str:
    return first if first == last else f"{first} … {last}"


@flow(name="crtdiff-run", log_prints=False, validate_parameters=False)
def crtdiff_run(
    catalog_path: str = str(DEFAULT_CATALOG),
    out_dir: str = str(DEFAULT_OUTPUT),
    store_dir: str = str(DEFAULT_STORE),
    countries: list[str] | None = None,
    publish: bool = True,
    progress: Progress | None = None,
) -> RunReport:
    """Ingest every catalogue entry (or those of `countries`), compare consecutive years,
    render the site; only what changed since the last run is recomputed."""
    reference = load_reference()
    catalog = load_catalog(Path(catalog_path), reference.countries)
    return run_catalog(
        catalog, reference, Path(out_dir), Path(store_dir), countries, publish, progress
    )


def run_catalog(
    catalog: Catalog,
    reference: Reference,
    out_dir: Path,
    store_dir: Path,
    countries: list[str] | None = None,
    publish: bool = True,
    progress: Progress | None = None,
) -> RunReport:
    """The body of the flow, for a catalogue already loaded (must run inside a flow)."""
    run = RunReport(started_at=utc_now_iso(), catalog=str(catalog.path))
    run.entries += [
        EntryOutcome(r.label, Status.REJECTED, reason=r.reason) for r in catalog.rejected
    ]
    wanted = {c.name for name in countries or [] if (c := reference.countries.resolve(name))}
    entries = [e for e in catalog.entries if not wanted or e.country in wanted]
    snapshots = SnapshotStore(catalog.folder / "snapshots")
    urls = sorted({e.source for e in entries if e.is_url})
    fetched = fetch_urls(urls, snapshots, _prefetch(urls, snapshots))
    ctx = RunContext(
        catalog, reference, fetched, ResultStore(store_dir), out_dir,
        Keys.for_reference(reference.folder),
    )  # fmt: skip
    manifest = load_manifest(out_dir)

    entries.sort(key=lambda e: (e.country, e.chapter, e.year))
    batches = chunks(entries, BATCH)
    ingesting = [
        ingest_batch.submit(_label(b[0].key, b[-1].key), b, ctx, manifest) for b in batches
    ]
    for future, batch in zip(ingesting, batches, strict=True):
        run.entries += future.result()
        if progress is not None:
            progress("ingest", len(batch))
    ok = [o for o in run.entries if o.status is Status.OK]
    run.work.ingested = sum(1 for o in ok if not o.cached)
    run.work.ingest_cached = sum(1 for o in ok if o.cached)

    pairs = plan_pairs(run.entries, ctx.keys)
    comparing = [
        compare_batch.submit(_label(b[0].country, b[-1].country), b, ctx, manifest)
        for b in chunks(pairs, BATCH)
    ]
    for future in comparing:
        run.comparisons += future.result()
    if progress is not None:
        progress("compare", 0)
    compared = [c for c in run.comparisons if c.status is Status.OK]
    run.work.compared = sum(1 for c in compared if not c.cached)
    run.work.compare_cached = sum(1 for c in compared if c.cached)

    plans = plan_countries(run.entries, run.comparisons, ctx.keys)
    rendering = [
        render_batch.submit(_label(b[0].country, b[-1].country), b, ctx, manifest)
        for b in chunks(plans, BATCH)
    ]
    rendered = sum(sum(future.result()) for future in rendering)
    run.work.countries_rendered = rendered
    run.work.countries_cached = len(plans) - rendered
    country_keys = dict(manifest.countries) if wanted else {}
    country_keys.update({p.country: p.key for p in plans})
    if progress is not None:
        progress("render", 0)
    index_rendered, manifest.index = render_index(country_keys, ctx, manifest)
    run.work.index_rendered = int(index_rendered)

    for outcome in run.entries + run.comparisons:
        if outcome.status is Status.OK and outcome.output and outcome.report_key:
            manifest.outputs[outcome.output] = outcome.report_key
    manifest.reports.update({o.key: o.report_key for o in ok if o.report_key})
    manifest.countries = country_keys
    save_manifest(out_dir, manifest)
    if publish:
        _publish(run, ctx)
    run.finished_at = utc_now_iso()
    run.write(out_dir)
    return run


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
