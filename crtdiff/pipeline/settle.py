"""What a run can settle without work: every entry resolved and keyed from its bytes, every
country whose reports, comparisons and pages are all as the output manifest records them.

Plain and light (no parser, comparer or renderer is imported), so that `crtdiff run` can answer
"up to date" before it imports or starts anything costly, by the same rules the flow applies.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from crtdiff.catalog.load import Catalog
from crtdiff.catalog.model import CatalogEntry
from crtdiff.catalog.sources import Fetcher, ResolvedSource, fetch_or_snapshot, resolve_source
from crtdiff.errors import CrtdiffError, FetchError
from crtdiff.ingest.raw import RawSource
from crtdiff.pipeline.boundary import internal_error
from crtdiff.pipeline.coverage import coverage_digest, coverage_rows
from crtdiff.pipeline.keys import Keys
from crtdiff.pipeline.manifest import Manifest
from crtdiff.pipeline.outcome import (
    EntryOutcome,
    RunReport,
    Status,
    cached_outcome,
    cached_rejection,
)
from crtdiff.reference.countries import CountryTable
from crtdiff.reports.output_paths import OutputPaths
from crtdiff.store.fingerprint import digest
from crtdiff.store.results import ResultStore
from crtdiff.store.snapshots import SnapshotStore

if TYPE_CHECKING:  # the tables load in a quarter of a second: the up-to-date check needs none
    from crtdiff.reference.bundle import Reference
    from crtdiff.reports.summaries import CoverageRow


R = TypeVar("R")


@dataclass(frozen=True)
class Answers(Generic[R]):
    """What each URL of the run gave when it was asked, earlier in the run: its value, or the
    error it met (raised again when the URL is asked for)."""

    results: dict[str, R | FetchError]

    def __call__(self, url: str) -> R:
        result = self.results.get(url)
        if result is None:
            raise FetchError(url, "was not fetched in this run")
        if isinstance(result, FetchError):
            raise result
        return result


class FetchedUrls(Answers[ResolvedSource]):
    """Every URL of the run, fetched and stored once in the flow's own process (so tasks, maybe
    on other machines, never write the snapshot store); a UrlSource over the results."""


def fetch_urls(urls: list[str], snapshots: SnapshotStore, fetch: Fetcher) -> FetchedUrls:
    """Fetch (or fall back to the snapshot of) every URL, keeping new snapshots."""
    results: dict[str, ResolvedSource | FetchError] = {}
    for url in urls:
        try:
            results[url] = fetch_or_snapshot(url, snapshots, fetch)
        except FetchError as exc:
            # A fresh error without its cause chain: httpx internals do not pickle, and the
            # context may travel to worker processes.
            results[url] = FetchError(
                exc.source, exc.problem, transient=exc.transient, status=exc.status
            )
    return FetchedUrls(results)


class Inputs(Protocol):
    """What settling reads of a run's context: a RunContext, or SettleInputs when the
    up-to-date check runs without loading the reference tables (settling never reads them)."""

    @property
    def catalog(self) -> Catalog: ...
    @property
    def urls(self) -> FetchedUrls: ...
    @property
    def results(self) -> ResultStore: ...
    @property
    def out_dir(self) -> Path: ...
    @property
    def keys(self) -> Keys: ...
    @property
    def site(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class SettleInputs:
    """The Inputs of the up-to-date check."""

    catalog: Catalog
    urls: FetchedUrls
    results: ResultStore
    out_dir: Path
    keys: Keys
    site: tuple[str, ...] = ()
    """As RunContext.site."""


@dataclass(frozen=True)
class RunContext:
    """Everything the stages share, passed explicitly (and picklable, for worker processes)."""

    catalog: Catalog
    reference: "Reference"
    urls: FetchedUrls
    results: ResultStore
    out_dir: Path
    keys: Keys
    series: str = "crt"
    """The series of this run's entries (out_dir is the series' own folder)."""
    site: tuple[str, ...] = ()
    """Every series of the site, when there are several (the index links to each)."""

    def for_entries(self, entries: Iterable[CatalogEntry]) -> "RunContext":
        """The context a batch of entries needs: only their catalogue lines and fetched pages.
        A task's arguments are pickled for its worker: the whole catalogue and every page of
        the run, sent with each task, would cost more than the work at archive scale."""
        chosen = list(entries)
        wanted = {e.source for e in chosen if e.is_url}
        pages = {url: r for url, r in self.urls.results.items() if url in wanted}
        catalog = replace(self.catalog, entries=chosen, rejected=[])
        return replace(self, catalog=catalog, urls=FetchedUrls(pages))


@dataclass
class Resolved:
    """A catalogue entry with its raw bytes and report key, or the reason it has none."""

    entry: CatalogEntry
    key: str | None = None
    raw: RawSource | None = None
    """The bytes, only when the report is not in the store (then it must be parsed)."""
    notes: list[str] = field(default_factory=list)
    failure: EntryOutcome | None = None


def resolve_entry(entry: CatalogEntry, ctx: Inputs) -> Resolved:
    """Read or fetch an entry's bytes and compute its report key (no parsing)."""
    try:
        source = resolve_source(entry, ctx.catalog, ctx.urls)
    except FetchError as exc:
        return Resolved(entry, failure=EntryOutcome(entry.key, Status.UNAVAILABLE, reason=str(exc)))
    except CrtdiffError as exc:
        return Resolved(entry, failure=EntryOutcome(entry.key, Status.REJECTED, reason=str(exc)))
    except Exception as exc:  # one entry's bug must not take down the run
        reason = internal_error(entry.source, exc)
        return Resolved(entry, failure=EntryOutcome(entry.key, Status.REJECTED, reason=reason))
    key = ctx.keys.report(entry, source.raw)
    raw = None if ctx.results.has("reports", key) else source.raw
    return Resolved(entry, key, raw, source.notes)


def page_key(keys: Keys, result_key: str) -> str:
    """Key of a page rendered from one report or diff: that result and the templates."""
    return digest(keys.render, result_key)


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

    @property
    def label(self) -> str:
        """`Country:Old-New` (plus `:chapter` for non-country chapters)."""
        label = f"{self.country}:{self.old_year}-{self.new_year}"
        return label if self.chapter == "country" else f"{label}:{self.chapter}"

    @property
    def pages(self) -> list[str]:
        """The pair's change summary in HTML and Markdown."""
        return OutputPaths.pair_pages(self.country, self.old_year, self.new_year, self.chapter)


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


def chapter_page(o: EntryOutcome) -> str:
    """The page of an entry read."""
    return OutputPaths.chapter_page(o.country or "", o.year or 0, o.chapter or "country")


def country_key(
    entries: list[EntryOutcome], pairs: list[PairPlan], keys: Keys, coverage: "list[CoverageRow]"
) -> str:
    """Key of a country's timeline page, summary and table rows (and of its coverage: a year
    newly unavailable shows on the page)."""
    report_keys = [
        o.report_key or "" for o in sorted(entries, key=lambda o: (o.chapter or "", o.year or 0))
    ]
    return digest(keys.country(report_keys, [p.key for p in pairs]), coverage_digest(coverage))


def country_coverage(
    country: str, outcomes: list[EntryOutcome], catalog: Catalog
) -> "list[CoverageRow]":
    """The coverage rows of one country's catalogue entries."""
    return coverage_rows([e for e in catalog.entries if e.country == country], outcomes)


def search_bundle(out_dir: Path, country: str) -> Path:
    """A country's search index bundle."""
    return out_dir / OutputPaths.search_bundle(country)


def settle_country(
    cached: list[EntryOutcome], ctx: Inputs, manifest: Manifest
) -> tuple[list[EntryOutcome], str] | None:
    """The pair outcomes and key of a country whose every result and page is as last time,
    or None when something of it must be recomputed or rewritten."""
    out = ctx.out_dir
    ok = [o for o in cached if o.status is Status.OK]
    if not ok:
        return None
    pairs: list[EntryOutcome] = []
    for plan in plan_pairs(ok, ctx.keys):
        record = manifest.pairs.get(plan.label)
        if record is None or record.get("report_key") != plan.key:
            return None
        outcome = cached_outcome(record, [])
        page = page_key(ctx.keys, plan.key)
        fresh = manifest.fresh(out, outcome.output or "", plan.key) and all(
            manifest.fresh(out, p, page) for p in plan.pages
        )
        if not fresh:
            return None
        pairs.append(outcome)
    for o in ok:
        if not manifest.fresh(out, chapter_page(o), page_key(ctx.keys, o.report_key or "")):
            return None
    country = ok[0].country or ""
    coverage = country_coverage(country, cached, ctx.catalog)
    key = country_key(ok, plan_pairs(ok, ctx.keys), ctx.keys, coverage)
    if manifest.countries.get(country) != key or not summary_intact(ctx.results, key):
        return None
    if not (search_bundle(out, country) / "pagefind.js").is_file():
        return None
    return pairs, key


SUMMARY_TABLES = tuple(
    f"{name}.arrow"
    for name in ("incidents", "groups", "legal_measures", "section_metrics", "tolls", "changes")
)
"""The Arrow tables stored beside each country summary: reports.tables.TABLES (a test keeps
them equal; that module loads pyarrow)."""
EXPLORER_PART = "explorer.json"
"""The country's part of the incidents explorer's data, stored beside its summary."""


def summary_intact(store: ResultStore, key: str) -> bool:
    """True when a country's stored summary, tables and explorer part are all there and
    undamaged."""
    return store.intact("summaries", key, (*SUMMARY_TABLES, EXPLORER_PART))


def damaged_countries(country_keys: dict[str, str], store: ResultStore) -> set[str]:
    """Countries whose stored summary or tables are missing or damaged (to be rebuilt)."""
    return {country for country, key in country_keys.items() if not summary_intact(store, key)}


@dataclass
class CountryJob:
    """A country with something to (re)compute: its entries, resolved, and cached outcomes."""

    country: str
    todo: list[Resolved]
    cached: list[EntryOutcome]


def index_key(country_keys: dict[str, str], keys: Keys, site: tuple[str, ...] = ()) -> str:
    """Key of the index and data tables: every country's pages (and, on a site of several
    series, the series: the index links to each)."""
    key = keys.index([f"{c}={k}" for c, k in sorted(country_keys.items())])
    return digest(key, *site) if site else key


def select_entries(
    catalog: Catalog, table: CountryTable, countries: list[str] | None
) -> tuple[list[CatalogEntry], set[str]]:
    """The entries a run covers (those of `countries` when given), in processing order, and
    the canonical names of the countries asked for."""
    wanted = {c.name for name in countries or [] if (c := table.resolve(name))}
    entries = sorted(
        (e for e in catalog.entries if not wanted or e.country in wanted),
        key=lambda e: (e.country, e.chapter, e.year),
    )
    return entries, wanted


def settle(
    entries: list[CatalogEntry],
    ctx: Inputs,
    manifest: Manifest,
    run: RunReport,
    progress: Callable[[str, int], None] = lambda stage, count: None,
) -> tuple[list[CountryJob], dict[str, str]]:
    """Resolve and key every entry; settle the countries with nothing to do (their outcomes
    go into `run`); return the jobs of the others and the keys of the settled ones."""
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
            rejection = manifest.rejected.get(item.entry.key)
            if item.failure is not None:
                cached.append(item.failure)
            elif rejection is not None and rejection.get("report_key") == item.key:
                cached.append(cached_rejection(item.entry.key, rejection, item.notes))
            elif (
                item.raw is None
                and record is not None
                and record.get("report_key") == item.key
                and manifest.fresh(ctx.out_dir, record["output"], item.key or "")
            ):
                cached.append(cached_outcome(record, item.notes))
            else:
                todo.append(item)
        settled: tuple[list[EntryOutcome], str | None] | None = None
        if not todo and not any(o.status is Status.OK for o in cached):
            # Every entry unavailable or rejected as last time: no pages, unless it had some.
            settled = None if country in manifest.countries else ([], None)
        elif not todo:
            settled = settle_country(cached, ctx, manifest)
        if settled is None:
            jobs.append(CountryJob(country, todo, cached))
            continue
        pairs, key = settled
        if key is not None:
            keys[country] = key
        run.entries += cached
        run.comparisons += pairs
        run.work.countries_cached += 1
        progress("ingest", len(cached))
    return jobs, keys


def site_index(
    country_keys: dict[str, str], wanted: set[str], manifest: Manifest, ctx: Inputs
) -> tuple[dict[str, str], str, bool]:
    """Every country's page key (a run limited to some countries keeps the others' from the
    manifest), the index key, and whether the index must be rendered."""
    if wanted:
        country_keys = {**manifest.countries, **country_keys}
    key = index_key(country_keys, ctx.keys, ctx.site)
    stale = manifest.index != key or not archive_pages_present(ctx.out_dir)
    return country_keys, key, stale


ARCHIVE_PAGES = (
    OutputPaths.INDEX, OutputPaths.INCIDENTS, OutputPaths.GROUPS_INDEX, OutputPaths.YEARS_INDEX,
    OutputPaths.SEARCH, OutputPaths.SEARCH_BUNDLE_LIST,
)  # fmt: skip
"""Pages written with the index: when one is missing, the index is rendered again."""


def archive_pages_present(out_dir: Path) -> bool:
    """True when every page written with the index is on disk."""
    return all((out_dir / page).is_file() for page in ARCHIVE_PAGES)
