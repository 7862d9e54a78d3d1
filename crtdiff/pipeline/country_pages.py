"""A country's pages: each chapter and pair page when stale (write_pages), and its timeline,
index summary, search bundle and table rows (start_timeline, then finish_timeline)."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

import msgspec

from crtdiff.pipeline.context import RunContext
from crtdiff.pipeline.country_memory import CountryMemory
from crtdiff.pipeline.manifest import Manifest
from crtdiff.pipeline.outcome import EntryOutcome
from crtdiff.pipeline.pair_plan import PairPlan, page_key
from crtdiff.pipeline.settle import chapter_page, search_bundle
from crtdiff.pipeline.stored_parts import EXPLORER_PART
from crtdiff.pipeline.timeline_parts import ChapterParts, PairParts
from crtdiff.reports.html import render_chapter_html, render_pair_html
from crtdiff.reports.incidents_page import explorer_part
from crtdiff.reports.markdown import render_pair_markdown
from crtdiff.reports.output_paths import OutputPaths
from crtdiff.reports.search_bundle import BundleBuild, start_bundle
from crtdiff.reports.site import write_country_page
from crtdiff.reports.summaries import CoverageRow
from crtdiff.reports.tables import TABLES, arrow_tables, csv_chunk, table_bytes
from crtdiff.schemas.diff import YearDiff
from crtdiff.store.fingerprint import digest

P = TypeVar("P", ChapterParts, PairParts)


def write_pages(
    entries: list[EntryOutcome],
    pairs: list[tuple[PairPlan, EntryOutcome]],
    ctx: RunContext,
    manifest: Manifest,
    memory: CountryMemory,
) -> dict[str, str]:
    """Write every stale chapter and pair page (of the pairs compared, with their plans);
    returns all page paths with their keys."""
    outputs: dict[str, str] = {}
    for o in entries:
        key = page_key(ctx.keys, o.report_key or "")
        page = chapter_page(o)
        report_key = o.report_key or ""
        manifest.write_stale(ctx.out_dir, page, key, partial(_chapter_html, memory, report_key))
        outputs[page] = key
    for plan, o in pairs:
        key = page_key(ctx.keys, o.report_key or "")
        html_page, md_page = plan.pages

        def diff_of(o: EntryOutcome = o) -> YearDiff:
            return memory.required_diff(o.report_key or "", o.key)

        manifest.write_stale(ctx.out_dir, html_page, key, lambda: render_pair_html(diff_of()))
        manifest.write_stale(ctx.out_dir, md_page, key, lambda: render_pair_markdown(diff_of()))
        outputs[html_page] = outputs[md_page] = key
    return outputs


def _chapter_html(memory: CountryMemory, report_key: str) -> str:
    return render_chapter_html(memory.report(report_key))


def _stored_parts(
    ctx: RunContext, memory: CountryMemory, key: str, model: type[P], make: Callable[[], P]
) -> P:
    """Timeline parts made by this task or stored, or made again when missing, damaged, of
    an older form or made by other page code (a year must not silently vanish from the pages
    and tables, nor show what the page code no longer writes)."""
    kept = memory.parts.get(key)
    if isinstance(kept, model):
        return kept
    parts = ctx.results.load_attached(model.KIND, key, model)
    if parts is None or parts.render != ctx.keys.render:
        parts = make()
        memory.keep(ctx, key, parts)
    return parts


@dataclass
class Timeline:
    """A country's timeline under way: its parts loaded, its search bundle building."""

    chapters: list[ChapterParts]
    compared: list[PairParts]
    bundle: BundleBuild


def start_timeline(
    country: str,
    entries: list[EntryOutcome],
    pairs: list[EntryOutcome],
    ctx: RunContext,
    memory: CountryMemory,
) -> Timeline:
    """Load the country's timeline parts (made again from their report or diff when damaged in
    the store) and start building its search bundle, which Pagefind does in the background
    while the task writes the country's other pages."""
    chapters = [_chapter_parts(ctx, memory, o.report_key or "") for o in entries]
    compared = [_pair_parts(ctx, memory, o) for o in pairs]
    records = [c.search for c in chapters] + [p.search for p in compared]
    pages = ctx.results.folder("search-pages", OutputPaths.folder(country))
    bundle = start_bundle(search_bundle(ctx.out_dir, country), records, pages)
    return Timeline(chapters, compared, bundle)


def finish_timeline(
    timeline: Timeline,
    key: str,
    entries: list[EntryOutcome],
    pairs: list[EntryOutcome],
    ctx: RunContext,
    coverage: list[CoverageRow],
) -> None:
    """The country's timeline page, index summary and table rows; its search bundle waited
    for and swapped in before the summary, stored last, vouches for them all."""
    store = ctx.results
    chapters, compared = timeline.chapters, timeline.compared
    country = write_country_page(
        ctx.out_dir, [c.summary for c in chapters], [p.summary for p in compared], coverage
    )
    country = msgspec.structs.replace(country, units=unit_keys(entries, pairs))
    rows: dict[str, list[dict[str, object]]] = {name: [] for name in TABLES}
    every: list[ChapterParts | PairParts] = [*chapters, *compared]
    for parts in every:
        for name, table in parts.rows.items():
            rows[name] += table
    for name, table in arrow_tables(rows).items():
        store.save_bytes("summaries", key, f"{name}.arrow", table_bytes(table, "arrow"))
        # Encoded here, in the country's task, so that the archive's CSV only joins bytes.
        store.save_bytes("summaries", key, f"{name}.csv.lz4", csv_chunk(table))
    store.save_bytes("summaries", key, EXPLORER_PART, explorer_part(country).to_bytes())
    timeline.bundle.finish()
    store.save("summaries", key, country)  # last: it vouches for the tables beside it


def unit_keys(entries: list[EntryOutcome], pairs: list[EntryOutcome]) -> dict[int, str]:
    """Report year → key of the year's country chapter and of the comparison ending there."""
    ending = {o.year: o.report_key or "" for o in pairs if o.chapter == "country"}
    return {
        o.year: digest(o.report_key or "", ending.get(o.year, ""))
        for o in entries
        if o.chapter == "country" and o.year is not None
    }


def _chapter_parts(ctx: RunContext, memory: CountryMemory, key: str) -> ChapterParts:
    return _stored_parts(
        ctx, memory, key, ChapterParts, lambda: ChapterParts.of(memory.report(key), ctx.keys.render)
    )


def _pair_parts(ctx: RunContext, memory: CountryMemory, outcome: EntryOutcome) -> PairParts:
    key = outcome.report_key or ""
    return _stored_parts(
        ctx,
        memory,
        key,
        PairParts,
        lambda: PairParts.of(memory.required_diff(key, outcome.key), ctx.keys.render),
    )
