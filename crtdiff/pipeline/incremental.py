"""The incremental pipeline as plain functions: resolve and key every entry, then ingest,
compare and render only what the result store and the output manifest do not already hold."""

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from crtdiff.catalog.load import Catalog
from crtdiff.catalog.model import CatalogEntry
from crtdiff.catalog.sources import Fetcher, ResolvedSource, fetch_or_snapshot, resolve_source
from crtdiff.compare.year_diff import compare_reports
from crtdiff.errors import CrtdiffError, FetchError
from crtdiff.ingest.chapter import OnMismatch, RawSource, Request, parse_chapter
from crtdiff.pipeline.keys import Keys
from crtdiff.pipeline.manifest import Manifest
from crtdiff.pipeline.outcome import EntryOutcome, Status, cached_outcome
from crtdiff.pipeline.outputs import diff_path, report_path
from crtdiff.reference.bundle import Reference
from crtdiff.store.atomic import atomic_write_text
from crtdiff.store.results import ResultStore
from crtdiff.store.snapshots import SnapshotStore
from reports.site import CountrySummary, write_assets, write_country, write_index
from reports.tables import TABLES, frames, table_rows, write_tables
from schemas import CountryReport
from schemas.diff import YearDiff


@dataclass(frozen=True)
class RunContext:
    """Everything the stages share, passed explicitly (and picklable, for Dask workers)."""

    catalog: Catalog
    reference: Reference
    urls: "FetchedUrls"
    results: ResultStore
    out_dir: Path
    keys: Keys


@dataclass(frozen=True)
class FetchedUrls:
    """Every URL of the run, fetched and stored once in the flow's own process (so tasks, maybe
    on other machines, never write the snapshot store); a UrlSource over the results."""

    results: dict[str, ResolvedSource | FetchError]

    def __call__(self, url: str) -> ResolvedSource:
        result = self.results.get(url)
        if result is None:
            raise FetchError(url, "was not fetched in this run")
        if isinstance(result, FetchError):
            raise result
        return result


def fetch_urls(urls: list[str], snapshots: SnapshotStore, fetch: Fetcher) -> FetchedUrls:
    """Fetch (or fall back to the snapshot of) every URL, keeping new snapshots."""
    results: dict[str, ResolvedSource | FetchError] = {}
    for url in urls:
        try:
            results[url] = fetch_or_snapshot(url, snapshots, fetch)
        except FetchError as exc:
            # A fresh error without its cause chain: httpx internals do not pickle, and the
            # context may travel to worker processes.
            results[url] = FetchError(exc.source, exc.problem, transient=exc.transient)
    return FetchedUrls(results)


@dataclass
class Resolved:
    """A catalogue entry with its raw bytes and report key, or the reason it has none."""

    entry: CatalogEntry
    key: str | None = None
    raw: RawSource | None = None
    notes: list[str] = field(default_factory=list)
    failure: EntryOutcome | None = None


def _internal(source: str, exc: Exception) -> str:
    return f"{source}: internal error ({type(exc).__name__}: {exc}); please report it"


def resolve_entry(entry: CatalogEntry, ctx: RunContext) -> Resolved:
    """Read or fetch an entry's bytes and compute its report key (no parsing)."""
    try:
        source = resolve_source(entry, ctx.catalog, ctx.urls)
    except FetchError as exc:
        return Resolved(entry, failure=EntryOutcome(entry.key, Status.UNAVAILABLE, reason=str(exc)))
    except CrtdiffError as exc:
        return Resolved(entry, failure=EntryOutcome(entry.key, Status.REJECTED, reason=str(exc)))
    key = ctx.keys.report(entry, source.raw)
    raw = None if ctx.results.has("reports", key) else source.raw
    return Resolved(entry, key, raw, source.notes)


def split_ingest(
    resolved: list[Resolved], manifest: Manifest, out_dir: Path
) -> tuple[list[EntryOutcome], list[Resolved]]:
    """Outcomes known without work (failures; reports stored and outputs fresh), and the
    entries that need a task."""
    done: list[EntryOutcome] = []
    todo: list[Resolved] = []
    for item in resolved:
        if item.failure is not None:
            done.append(item.failure)
            continue
        record = manifest.reports.get(item.entry.key)
        if (
            item.raw is None
            and record is not None
            and record.get("report_key") == item.key
            and manifest.fresh(out_dir, record["output"], item.key or "")
        ):
            done.append(cached_outcome(record, item.notes))
        else:
            todo.append(item)
    return done, todo


def _write_report(report: CountryReport, key: str, ctx: RunContext, manifest: Manifest) -> str:
    path = report_path(ctx.out_dir, report.country, report.year, report.chapter)
    relative = path.relative_to(ctx.out_dir).as_posix()
    if not manifest.fresh(ctx.out_dir, relative, key):
        atomic_write_text(path, report.model_dump_json(indent=2) + "\n")
    return relative


def ingest_resolved(item: Resolved, ctx: RunContext, manifest: Manifest) -> EntryOutcome:
    """Parse an entry unless its report is stored; write its output JSON when stale."""
    entry = item.entry
    if item.failure is not None or item.key is None:
        return item.failure or EntryOutcome(entry.key, Status.REJECTED, reason="no source")
    cached = item.raw is None
    try:
        report = ctx.results.load("reports", item.key, CountryReport) if cached else None
        if report is None:
            raw = item.raw or resolve_source(entry, ctx.catalog, ctx.urls).raw
            request = Request(entry.country, entry.year, entry.chapter, OnMismatch.REJECT)
            report = parse_chapter(raw, request, ctx.reference)
            ctx.results.save("reports", item.key, report)
            cached = False
    except CrtdiffError as exc:
        return EntryOutcome(entry.key, Status.REJECTED, reason=str(exc))
    except Exception as exc:  # a bug must not take down the other entries of the run
        return EntryOutcome(entry.key, Status.REJECTED, reason=_internal(entry.source, exc))
    relative = _write_report(report, item.key, ctx, manifest)
    return EntryOutcome(
        key=entry.key,
        status=Status.OK,
        output=relative,
        notes=item.notes,
        warnings=[f"{w.code}: {w.message}" for w in report.warnings],
        illustrative=report.source.illustrative,
        cached=cached,
        report_key=item.key,
        country=report.country,
        chapter=report.chapter,
        year=report.year,
    )


@dataclass(frozen=True)
class PairPlan:
    """One comparison to have: two report keys and the diff key."""

    country: str
    chapter: str
    old_year: int
    new_year: int
    old_key: str
    new_key: str
    key: str


def plan_pairs(outcomes: list[EntryOutcome], keys: Keys) -> list[PairPlan]:
    """Consecutive report years per country and chapter, from the entries ingested."""
    series: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for o in outcomes:
        if o.status is Status.OK and o.report_key and o.country and o.chapter and o.year:
            series[(o.country, o.chapter)].append((o.year, o.report_key))
    plans = []
    for (country, chapter), years in sorted(series.items()):
        for (y1, k1), (y2, k2) in pairwise(sorted(years)):
            plans.append(PairPlan(country, chapter, y1, y2, k1, k2, keys.diff(k1, k2)))
    return plans


def pair_label(plan: PairPlan) -> str:
    """`Country:Old-New` (plus `:chapter` for non-country chapters)."""
    label = f"{plan.country}:{plan.old_year}-{plan.new_year}"
    return label if plan.chapter == "country" else f"{label}:{plan.chapter}"


def split_pairs(
    plans: list[PairPlan], manifest: Manifest, out_dir: Path
) -> tuple[list[EntryOutcome], list[PairPlan]]:
    """Comparisons whose diff and output are as last time, and the ones that need a task."""
    done: list[EntryOutcome] = []
    todo: list[PairPlan] = []
    for plan in plans:
        record = manifest.pairs.get(pair_label(plan))
        fresh = (
            record is not None
            and record.get("report_key") == plan.key
            and manifest.fresh(out_dir, record["output"], plan.key)
        )
        if fresh and record is not None:
            done.append(cached_outcome(record, []))
        else:
            todo.append(plan)
    return done, todo


def compare_planned(plan: PairPlan, ctx: RunContext, manifest: Manifest) -> EntryOutcome:
    """Compare a pair unless its diff is stored; write its JSON when stale."""
    label = pair_label(plan)
    cached = True
    try:
        diff = ctx.results.load("diffs", plan.key, YearDiff)
        if diff is None:
            old = ctx.results.load("reports", plan.old_key, CountryReport)
            new = ctx.results.load("reports", plan.new_key, CountryReport)
            if old is None or new is None:
                raise CrtdiffError(label, "a report of this pair is missing from the store")
            diff = compare_reports(old, new, ctx.reference.gazetteer)
            ctx.results.save("diffs", plan.key, diff)
            cached = False
    except CrtdiffError as exc:
        return EntryOutcome(label, Status.REJECTED, reason=str(exc))
    except Exception as exc:  # a bug must not take down the other comparisons
        return EntryOutcome(label, Status.REJECTED, reason=_internal(label, exc))
    path = diff_path(ctx.out_dir, diff)
    relative = path.relative_to(ctx.out_dir).as_posix()
    if not manifest.fresh(ctx.out_dir, relative, plan.key):
        atomic_write_text(path, diff.model_dump_json(indent=2) + "\n")
    return EntryOutcome(
        label, Status.OK, output=relative, illustrative=diff.illustrative, cached=cached,
        report_key=plan.key, country=plan.country, chapter=plan.chapter, year=plan.new_year,
    )  # fmt: skip


@dataclass(frozen=True)
class CountryPlan:
    """A country's pages: the keys of what they show, and their own key."""

    country: str
    report_keys: list[str]
    diff_keys: list[str]
    key: str


def plan_countries(
    reports: list[EntryOutcome], diffs: list[EntryOutcome], keys: Keys
) -> list[CountryPlan]:
    """One plan per country with at least one report ingested in this run."""
    by_country: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for o in sorted(reports, key=lambda o: (o.country or "", o.year or 0)):
        if o.status is Status.OK and o.country and o.report_key:
            by_country[o.country][0].append(o.report_key)
    for o in sorted(diffs, key=lambda o: (o.country or "", o.year or 0)):
        if o.status is Status.OK and o.country and o.report_key and o.country in by_country:
            by_country[o.country][1].append(o.report_key)
    return [
        CountryPlan(country, r, d, keys.country(r, d))
        for country, (r, d) in sorted(by_country.items())
    ]


def stale_countries(
    plans: list[CountryPlan], manifest: Manifest, results: ResultStore
) -> list[CountryPlan]:
    """Countries whose pages were not rendered from exactly these reports and diffs."""
    return [
        p
        for p in plans
        if manifest.countries.get(p.country) != p.key or not results.has("summaries", p.key)
    ]


def render_planned(plan: CountryPlan, ctx: RunContext) -> None:
    """Render a country's pages and store its index summary and table rows."""
    reports = [r for k in plan.report_keys if (r := ctx.results.load("reports", k, CountryReport))]
    diffs = [d for k in plan.diff_keys if (d := ctx.results.load("diffs", k, YearDiff))]
    summary = write_country(ctx.out_dir, reports, diffs)
    ctx.results.save_json("summaries", plan.key, summary.__dict__)
    ctx.results.save_json("rows", plan.key, table_rows(reports, diffs))


def index_key(country_keys: dict[str, str], keys: Keys) -> str:
    """Key of the index and data tables: every country's pages."""
    return keys.index([f"{c}={k}" for c, k in sorted(country_keys.items())])


def render_site_index(country_keys: dict[str, str], ctx: RunContext) -> None:
    """Write the index, assets and data tables from the stored country summaries and rows."""
    summaries: list[CountrySummary] = []
    rows: dict[str, list[dict[str, object]]] = {name: [] for name in TABLES}
    for country_key in country_keys.values():
        data = ctx.results.load_json("summaries", country_key)
        if data is not None:
            data["years"] = {int(y): v for y, v in data["years"].items()}
            summaries.append(CountrySummary(**data))
        stored = ctx.results.load_json("rows", country_key) or {}
        for name in TABLES:
            rows[name].extend(stored.get(name, []))
    write_assets(ctx.out_dir)
    write_index(ctx.out_dir, summaries)
    write_tables(frames(rows), ctx.out_dir / "data")
