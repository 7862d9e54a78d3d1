"""The pages across countries: the index, assets and data tables, and the incidents, group,
year and search pages, all from the stored country summaries (never from reports)."""

from pathlib import Path

from crtdiff.errors import WorkspaceError
from crtdiff.pipeline.archive_tables import start_tables
from crtdiff.pipeline.boundary import capture_environment
from crtdiff.pipeline.collector import fewer_collections
from crtdiff.pipeline.context import RunContext
from crtdiff.pipeline.manifest import Manifest
from crtdiff.pipeline.series_site import switch_links
from crtdiff.pipeline.stored_parts import EXPLORER_PART, DamagedSummaryError
from crtdiff.reports.archive import Archive
from crtdiff.reports.group_pages import write_group_pages
from crtdiff.reports.incidents_page import Part, explorer_part, write_incidents_page
from crtdiff.reports.output_paths import OutputPaths
from crtdiff.reports.page_cache import PageCache
from crtdiff.reports.search import write_search_page
from crtdiff.reports.site import write_assets, write_index
from crtdiff.reports.summaries import CountrySummary
from crtdiff.reports.year_pages import write_year_pages
from crtdiff.store.results import ResultStore


def render_index_pages(
    country_keys: dict[str, str], ctx: RunContext, pages: dict[str, str]
) -> dict[str, str] | WorkspaceError | DamagedSummaryError:
    """render_site_index as a step of the run: a failure of the environment, or countries
    found damaged, are returned, not raised."""
    try:
        return capture_environment(lambda: render_site_index(country_keys, ctx, pages))
    except DamagedSummaryError as exc:
        return exc


def render_site_index(
    country_keys: dict[str, str], ctx: RunContext, pages: dict[str, str] | None = None
) -> dict[str, str]:
    """Write the index, assets and data tables from the stored country summaries and tables,
    and the pages across countries; `pages`: the group and year pages written before, with
    their keys (only those whose key changed are rendered again). Returns every group and
    year page with its key. Each country's summary and tables are checked as they are read:
    DamagedSummaryError names every country whose are not as stored (no page is written when
    a summary is damaged, and no data table when a country's tables are)."""
    summaries: list[CountrySummary] = []
    explorer: list[Part] = []
    damaged: list[str] = []
    tables = start_tables(ctx.results, country_keys, ctx.out_dir / OutputPaths.DATA)
    cache = PageCache(ctx.out_dir, ctx.keys.render, pages or {}, ctx.results)
    try:
        with fewer_collections():
            for country, key in sorted(country_keys.items()):
                summary = ctx.results.load("summaries", key, CountrySummary)
                if summary is None:  # one of another form is removed by the load
                    damaged.append(country)
                    continue
                summaries.append(summary)
                explorer.append(stored_explorer_part(ctx.results, key, summary))
            if not damaged:
                write_assets(ctx.out_dir)
                write_index(ctx.out_dir, summaries, ctx.series, switch_links(ctx.site, ctx.series))
                write_archive_pages(ctx.out_dir, summaries, cache, explorer)
            # Freed by reference counting while the collector is off: once it is back on, its
            # first pass would walk every object of the archive's summaries (0.3 s at 10,000
            # chapters), all of them still young.
            summaries.clear()
            explorer.clear()
    except BaseException:
        tables.cancel()
        raise
    try:  # waited for even when a summary is damaged: it names the countries whose tables are
        tables.finish()
    except DamagedSummaryError as exc:
        damaged += exc.countries
    if damaged:  # every damaged country at once, for the run to rebuild them all in one round
        raise DamagedSummaryError(damaged)
    return cache.pages


def stored_explorer_part(store: ResultStore, key: str, summary: CountrySummary) -> Part:
    """A country's stored part of the explorer, made again from its summary (and stored)
    when missing, damaged or of another form."""
    part = Part.from_bytes(store.load_bytes("summaries", key, EXPLORER_PART) or b"")
    if part is None:
        part = explorer_part(summary)
        store.save_bytes("summaries", key, EXPLORER_PART, part.to_bytes())
    return part


def write_archive_pages(
    out_dir: Path,
    summaries: list[CountrySummary],
    cache: PageCache | None = None,
    explorer: list[Part] | None = None,
) -> None:
    """The pages across countries (incidents, groups, years, search), from the stored country
    summaries (and their parts of the explorer's data, in the same order); with a `cache`,
    only the group and year pages whose key changed."""
    archive = Archive.of(summaries)
    order = sorted(range(len(summaries)), key=lambda i: summaries[i].country)
    write_incidents_page(out_dir, archive, [explorer[i] for i in order] if explorer else None)
    write_group_pages(out_dir, archive, cache)
    write_year_pages(out_dir, archive, cache)
    write_search_page(out_dir, [s.slug for s in archive.countries], archive.series_context)


KEYED_FOLDERS = ("groups/", "years/")
"""Folders of the pages across countries that are keyed one by one (see PageCache)."""


def keyed_pages(manifest: Manifest) -> dict[str, str]:
    """The group and year pages of the manifest, with their keys."""
    return {p: k for p, k in manifest.outputs.items() if p.startswith(KEYED_FOLDERS)}


def replace_keyed_pages(manifest: Manifest, pages: dict[str, str]) -> None:
    """Record the group and year pages of this run (those of groups or years no longer on
    file are forgotten)."""
    for page in keyed_pages(manifest):
        del manifest.outputs[page]
    manifest.outputs.update(pages)
