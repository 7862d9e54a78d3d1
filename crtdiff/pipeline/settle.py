"""What a run can settle without work: every country whose entries (resolved and keyed from their
bytes, crtdiff/pipeline/context.py), comparisons (pair_plan.py) and pages are all as the output
manifest records them.

Plain and light (no parser, comparer or renderer is imported), so that `crtdiff run` can answer
"up to date" before it imports or starts anything costly, by the same rules the flow applies.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from crtdiff.catalog.load import Catalog
from crtdiff.catalog.model import CatalogEntry
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
from crtdiff.reports.explorer_files import explorer_present
from crtdiff.reports.output_paths import OutputPaths
from crtdiff.store.fingerprint import digest
from crtdiff.store.results import ResultStore

if TYPE_CHECKING:  # the tables load in a quarter of a second: the up-to-date check needs none
    from crtdiff.reports.summaries import CoverageRow


from crtdiff.pipeline.context import Inputs, Resolved, resolve_entry
from crtdiff.pipeline.pair_plan import PairPlan, page_key, plan_pairs
from crtdiff.pipeline.stored_parts import EXPLORER_PART, SUMMARY_TABLES, TABLE_NAMES


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
    cached: list[EntryOutcome], catalogued: list[CatalogEntry], ctx: Inputs, manifest: Manifest
) -> tuple[list[EntryOutcome], str] | None:
    """The pair outcomes and key of a country (`catalogued`: its catalogue entries) whose every
    result and page is as last time, or None when something of it must be recomputed or
    rewritten."""
    out = ctx.out_dir
    ok = [o for o in cached if o.status is Status.OK]
    if not ok:
        return None
    pairs: list[EntryOutcome] = []
    plans = plan_pairs(ok, ctx.keys)
    for plan in plans:
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
    # Its entries in hand: scanning the catalogue for them, country by country, cost a
    # no-op run of 10,000 chapters 60 ms.
    key = country_key(ok, plans, ctx.keys, coverage_rows(catalogued, cached))
    if manifest.countries.get(country) != key or not summary_intact(ctx.results, key):
        return None
    if not (search_bundle(out, country) / "pagefind.js").is_file():
        return None
    return pairs, key


def summary_intact(store: ResultStore, key: str) -> bool:
    """True when a country's stored summary, tables and explorer part are all there and
    undamaged."""
    return store.intact("summaries", key, (*SUMMARY_TABLES, EXPLORER_PART))


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
            settled = settle_country(cached, [r.entry for r in resolved], ctx, manifest)
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
    OutputPaths.SEARCH, OutputPaths.SEARCH_BUNDLE_LIST, OutputPaths.EXPLORER_DATA,
    *(OutputPaths.data_table(name, form) for name in TABLE_NAMES for form in ("csv", "parquet")),
)  # fmt: skip
"""Pages and tables written with the index: when one is missing, the index is rendered again."""


def archive_pages_present(out_dir: Path) -> bool:
    """True when every page written with the index is on disk (and every script of the
    explorer's data its first names)."""
    return all((out_dir / page).is_file() for page in ARCHIVE_PAGES) and explorer_present(out_dir)
