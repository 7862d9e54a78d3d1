"""A country's pages: each chapter and pair page when stale (chapter_pages), and its timeline,
index summary, search bundle and table rows (write_timeline)."""

from collections.abc import Callable
from functools import partial
from typing import TypeVar

from pydantic import BaseModel

from crtdiff.errors import CrtdiffError
from crtdiff.pipeline.context import RunContext
from crtdiff.pipeline.country_memory import CountryMemory
from crtdiff.pipeline.manifest import Manifest
from crtdiff.pipeline.outcome import EntryOutcome
from crtdiff.pipeline.pair_plan import PairPlan, page_key
from crtdiff.pipeline.settle import EXPLORER_PART, chapter_page, search_bundle
from crtdiff.reports.html import render_chapter_html, render_pair_html
from crtdiff.reports.incidents_page import explorer_part
from crtdiff.reports.markdown import render_pair_markdown
from crtdiff.reports.search import SearchRecord, chapter_record, pair_record, write_bundle
from crtdiff.reports.site import write_country_page
from crtdiff.reports.summaries import ChapterSummary, CoverageRow, PairSummary
from crtdiff.reports.tables import TABLES, Rows, arrow_tables, diff_rows, report_rows, table_bytes
from crtdiff.schemas.diff import YearDiff
from crtdiff.store.fingerprint import digest

S = TypeVar("S", bound=BaseModel)


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


def _stored_summary(
    ctx: RunContext,
    memory: CountryMemory,
    kind: str,
    key: str,
    model: type[S],
    make: Callable[[], S],
) -> S:
    """A summary made by this task or stored, or one made again when missing or written by
    older code (a summary that no longer loads must not silently vanish from the pages)."""
    kept = memory.derived.get((kind, key))
    if isinstance(kept, model):
        return kept
    summary = ctx.results.load(kind, key, model)
    if summary is None:
        summary = make()
        memory.keep(ctx, kind, key, summary)
    return summary


def write_timeline(
    key: str,
    entries: list[EntryOutcome],
    pairs: list[EntryOutcome],
    ctx: RunContext,
    memory: CountryMemory,
    coverage: list[CoverageRow],
) -> None:
    """The country's timeline page, index summary and table rows, from the stored summaries;
    a summary or row set damaged in the store is made again from its report or diff."""
    store = ctx.results
    chapters = [_chapter_summary(ctx, memory, o.report_key or "") for o in entries]
    pair_summaries = [_pair_summary(ctx, memory, o.report_key or "") for o in pairs]
    country = write_country_page(ctx.out_dir, chapters, pair_summaries, coverage)
    country = country.model_copy(update={"units": unit_keys(entries, pairs)})
    records = [_search_record(ctx, memory, o, pair=False) for o in entries]
    records += [_search_record(ctx, memory, o, pair=True) for o in pairs]
    write_bundle(search_bundle(ctx.out_dir, country.country), records)
    rows: dict[str, list[dict[str, object]]] = {name: [] for name in TABLES}
    for o in entries + pairs:
        for name, table in _stored_rows(o, ctx, memory).items():
            rows[name] += table
    for name, table in arrow_tables(rows).items():
        store.save_bytes("summaries", key, f"{name}.arrow", table_bytes(table, "arrow"))
    store.save_json("summaries", key, explorer_part(country), EXPLORER_PART)
    store.save("summaries", key, country)  # last: it vouches for the tables beside it


def unit_keys(entries: list[EntryOutcome], pairs: list[EntryOutcome]) -> dict[int, str]:
    """Report year → key of the year's country chapter and of the comparison ending there."""
    ending = {o.year: o.report_key or "" for o in pairs if o.chapter == "country"}
    return {
        o.year: digest(o.report_key or "", ending.get(o.year, ""))
        for o in entries
        if o.chapter == "country" and o.year is not None
    }


def _stored_rows(o: EntryOutcome, ctx: RunContext, memory: CountryMemory) -> Rows:
    """An entry's or a pair's table rows from the store, made again when damaged there:
    a table never silently loses a year's rows."""
    k = o.report_key or ""
    stored = memory.derived.get(("rows", k)) or ctx.results.load_json("rows", k)
    if isinstance(stored, dict) and all(isinstance(v, list) for v in stored.values()):
        return stored
    is_pair = k in memory.diffs  # every pair of the country went through _compare
    rows = diff_rows(memory.required_diff(k, o.key)) if is_pair else report_rows(memory.report(k))
    memory.keep(ctx, "rows", k, rows)
    return rows


def _diff(memory: CountryMemory, key: str) -> YearDiff:
    diff = memory.diff(key)
    if diff is None:
        raise CrtdiffError(key, "diff missing from the result store")
    return diff


def _chapter_summary(ctx: RunContext, memory: CountryMemory, key: str) -> ChapterSummary:
    return _stored_summary(
        ctx, memory, "chapters", key, ChapterSummary, lambda: ChapterSummary.of(memory.report(key))
    )


def _pair_summary(ctx: RunContext, memory: CountryMemory, key: str) -> PairSummary:
    return _stored_summary(
        ctx, memory, "pairs", key, PairSummary, lambda: PairSummary.of(_diff(memory, key))
    )


def _search_record(
    ctx: RunContext, memory: CountryMemory, outcome: EntryOutcome, *, pair: bool
) -> SearchRecord:
    key = outcome.report_key or ""

    def make() -> SearchRecord:
        return pair_record(_diff(memory, key)) if pair else chapter_record(memory.report(key))

    return _stored_summary(ctx, memory, "search", key, SearchRecord, make)
