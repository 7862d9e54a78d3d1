"""The incremental pipeline as plain functions: a country's task.

The flow resolves and keys every entry in its own process, and settles every country whose
reports, comparisons and pages are all as last time without any work (crtdiff/pipeline/settle.py).
Each other country goes to a task that ingests, compares and renders it in one go, keeping its
reports in memory: nothing is written to the result store only to be read back by the next stage.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from crtdiff.catalog.model import CatalogEntry
from crtdiff.catalog.sources import resolve_source
from crtdiff.errors import CrtdiffError, WorkspaceError
from crtdiff.pipeline.boundary import internal_error
from crtdiff.pipeline.collector import fewer_collections
from crtdiff.pipeline.manifest import Manifest
from crtdiff.pipeline.outcome import EntryOutcome, Status
from crtdiff.pipeline.outputs import diff_path, report_path
from crtdiff.pipeline.series_site import switch_links
from crtdiff.pipeline.settle import (
    EXPLORER_PART,
    SUMMARY_TABLES,
    CountryJob,
    PairPlan,
    Resolved,
    RunContext,
    chapter_page,
    country_coverage,
    country_key,
    page_key,
    pair_pages,
    plan_pairs,
    search_bundle,
    summary_intact,
)
from crtdiff.series.chapter import OnMismatch, RawSource, Request, parse_chapter
from crtdiff.series.compare import compare_reports
from crtdiff.store.atomic import atomic_write_text
from crtdiff.store.fingerprint import digest
from crtdiff.store.results import ResultStore
from crtdiff.text.normalize import slugify
from reports.archive import Archive
from reports.group_pages import write_group_pages
from reports.html import render_chapter_html, render_pair_html
from reports.incidents_page import Part, explorer_part, write_incidents_page
from reports.markdown import render_pair_markdown
from reports.page_cache import PageCache
from reports.search import (
    SearchRecord,
    chapter_record,
    pair_record,
    write_bundle,
    write_search_page,
)
from reports.site import write_assets, write_country_page, write_index
from reports.summaries import ChapterSummary, CountrySummary, CoverageRow, PairSummary
from reports.tables import (
    TABLES,
    Rows,
    arrow_tables,
    concat_tables,
    diff_rows,
    read_table,
    report_rows,
    table_bytes,
    write_tables,
)
from reports.year_pages import write_year_pages
from schemas import CountryReport
from schemas.diff import YearDiff

S = TypeVar("S", bound=BaseModel)


# --- a country's task ---------------------------------------------------------------------


@dataclass
class CountryResult:
    """What a country's task did."""

    country: str
    entries: list[EntryOutcome]
    pairs: list[EntryOutcome]
    key: str | None
    outputs: dict[str, str]
    """Every page written or kept, with the key it holds."""
    rendered: bool


def _write(
    ctx: RunContext, manifest: Manifest, relative: str, key: str, text: Callable[[], str]
) -> None:
    if not manifest.fresh(ctx.out_dir, relative, key):
        atomic_write_text(ctx.out_dir / relative, text())


class _Reports:
    """Reports and diffs of one country, loaded from the store at most once; a report that no
    longer loads (damaged on disk) is parsed again from its catalogue entry when one is known."""

    def __init__(self, store: ResultStore, reparse: Callable[[str], CountryReport | None]) -> None:
        self.store = store
        self.reparse = reparse
        self.reports: dict[str, CountryReport] = {}
        self.diffs: dict[str, YearDiff] = {}
        self.derived: dict[tuple[str, str], object] = {}
        """Summaries, search records and table rows made by this task, by (kind, key): the
        timeline takes them from here rather than reading back what was just written."""

    def keep(self, ctx: "RunContext", kind: str, key: str, value: BaseModel | Rows) -> None:
        """Store a result derived from a report or diff, and keep it for this task."""
        if isinstance(value, BaseModel):
            ctx.results.save(kind, key, value)
        else:
            ctx.results.save_json(kind, key, value)
        self.derived[(kind, key)] = value

    def stored_report(self, key: str) -> CountryReport | None:
        if key not in self.reports:
            loaded = self.store.load("reports", key, CountryReport)
            if loaded is None:
                return None
            self.reports[key] = loaded
        return self.reports[key]

    def report(self, key: str) -> CountryReport:
        report = self.stored_report(key) or self.reparse(key)
        if report is None:
            raise CrtdiffError(key, "report missing from the result store")
        self.reports[key] = report
        return report

    def diff(self, key: str) -> YearDiff | None:
        if key not in self.diffs:
            loaded = self.store.load("diffs", key, YearDiff)
            if loaded is None:
                return None
            self.diffs[key] = loaded
        return self.diffs[key]

    def required_diff(self, key: str, label: str) -> YearDiff:
        """A diff this task compared or loaded already."""
        diff = self.diff(key)
        if diff is None:
            raise CrtdiffError(label, "diff missing from the result store")
        return diff


def _parse_and_store(
    entry: CatalogEntry, raw: RawSource | None, key: str, ctx: RunContext, memory: _Reports
) -> CountryReport:
    """Parse an entry (reading its source again when `raw` is not at hand) and store the
    report, its summary and its table rows under `key`."""
    raw = raw or resolve_source(entry, ctx.catalog, ctx.urls).raw
    request = Request(entry.country, entry.year, entry.chapter, OnMismatch.REJECT, entry.series)
    report = parse_chapter(raw, request, ctx.reference)
    ctx.results.save("reports", key, report)
    memory.keep(ctx, "chapters", key, ChapterSummary.of(report))
    memory.keep(ctx, "search", key, chapter_record(report))
    memory.keep(ctx, "rows", key, report_rows(report))
    return report


def _ingest(item: Resolved, ctx: RunContext, manifest: Manifest, memory: _Reports) -> EntryOutcome:
    """Parse an entry unless its report is stored; write its JSON when stale."""
    entry = item.entry
    if item.failure is not None or item.key is None:
        return item.failure or EntryOutcome(entry.key, Status.REJECTED, reason="no source")
    try:
        stored = memory.stored_report(item.key) if item.raw is None else None
        cached = stored is not None
        report = stored or _parse_and_store(entry, item.raw, item.key, ctx, memory)
        memory.reports[item.key] = report
    except CrtdiffError as exc:
        # Keyed like a report: the same bytes and code are rejected again, so the next run
        # can say so without parsing (a bug's internal error, below, is tried again).
        return EntryOutcome(
            entry.key, Status.REJECTED, reason=str(exc), notes=item.notes, report_key=item.key,
            country=entry.country, chapter=entry.chapter, year=entry.year,
        )  # fmt: skip
    except OSError:
        raise  # the disk, not the chapter: the run stops with an environment error
    except Exception as exc:  # a bug must not take down the other entries of the run
        reason = internal_error(entry.source, exc)
        return EntryOutcome(entry.key, Status.REJECTED, reason=reason, notes=item.notes)
    path = report_path(ctx.out_dir, report.country, report.year, report.chapter)
    relative = path.relative_to(ctx.out_dir).as_posix()
    _write(ctx, manifest, relative, item.key, lambda: report.model_dump_json(indent=2) + "\n")
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
        source=report.source.uri,
    )


def _compare(
    plan: PairPlan, ctx: RunContext, manifest: Manifest, memory: _Reports
) -> tuple[EntryOutcome, YearDiff | None]:
    """Compare a pair unless its diff is stored; write its JSON when stale."""
    try:
        diff = memory.diff(plan.key)
        cached = diff is not None
        if diff is None:
            diff = compare_reports(
                memory.report(plan.old_key), memory.report(plan.new_key), ctx.reference.gazetteer
            )
            ctx.results.save("diffs", plan.key, diff)
            memory.keep(ctx, "pairs", plan.key, PairSummary.of(diff))
            memory.keep(ctx, "search", plan.key, pair_record(diff))
            memory.keep(ctx, "rows", plan.key, diff_rows(diff))
            memory.diffs[plan.key] = diff
    except CrtdiffError as exc:
        return EntryOutcome(plan.label, Status.REJECTED, reason=str(exc)), None
    except OSError:
        raise
    except Exception as exc:  # a bug must not take down the other comparisons
        return EntryOutcome(
            plan.label, Status.REJECTED, reason=internal_error(plan.label, exc)
        ), None
    relative = diff_path(ctx.out_dir, diff).relative_to(ctx.out_dir).as_posix()
    _write(ctx, manifest, relative, plan.key, lambda: diff.model_dump_json(indent=2) + "\n")
    outcome = EntryOutcome(
        plan.label, Status.OK, output=relative, illustrative=diff.illustrative, cached=cached,
        report_key=plan.key, country=plan.country, chapter=plan.chapter, year=plan.new_year,
    )  # fmt: skip
    return outcome, diff


def _pages(
    entries: list[EntryOutcome],
    pairs: list[EntryOutcome],
    ctx: RunContext,
    manifest: Manifest,
    memory: _Reports,
) -> dict[str, str]:
    """Write every stale chapter and pair page; returns all page paths with their keys."""
    outputs: dict[str, str] = {}
    for o in entries:
        key = page_key(ctx.keys, o.report_key or "")
        page = chapter_page(o)
        report_key = o.report_key or ""
        _write(ctx, manifest, page, key, partial(_chapter_html, memory, report_key))
        outputs[page] = key
    for o in pairs:
        key = page_key(ctx.keys, o.report_key or "")
        html_page, md_page = pair_pages(o)

        def diff_of(o: EntryOutcome = o) -> YearDiff:
            return memory.required_diff(o.report_key or "", o.key)

        _write(ctx, manifest, html_page, key, lambda: render_pair_html(diff_of()))
        _write(ctx, manifest, md_page, key, lambda: render_pair_markdown(diff_of()))
        outputs[html_page] = outputs[md_page] = key
    return outputs


def _chapter_html(memory: _Reports, report_key: str) -> str:
    return render_chapter_html(memory.report(report_key))


def _stored_summary(
    ctx: RunContext,
    memory: _Reports,
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


def _timeline(
    key: str,
    entries: list[EntryOutcome],
    pairs: list[EntryOutcome],
    ctx: RunContext,
    memory: _Reports,
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


def _stored_rows(o: EntryOutcome, ctx: RunContext, memory: "_Reports") -> Rows:
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


def _diff(memory: _Reports, key: str) -> YearDiff:
    diff = memory.diff(key)
    if diff is None:
        raise CrtdiffError(key, "diff missing from the result store")
    return diff


def _chapter_summary(ctx: RunContext, memory: _Reports, key: str) -> ChapterSummary:
    return _stored_summary(
        ctx, memory, "chapters", key, ChapterSummary, lambda: ChapterSummary.of(memory.report(key))
    )


def _pair_summary(ctx: RunContext, memory: _Reports, key: str) -> PairSummary:
    return _stored_summary(
        ctx, memory, "pairs", key, PairSummary, lambda: PairSummary.of(_diff(memory, key))
    )


def _search_record(
    ctx: RunContext, memory: _Reports, outcome: EntryOutcome, *, pair: bool
) -> SearchRecord:
    key = outcome.report_key or ""

    def make() -> SearchRecord:
        return pair_record(_diff(memory, key)) if pair else chapter_record(memory.report(key))

    return _stored_summary(ctx, memory, "search", key, SearchRecord, make)


def process_country(job: CountryJob, ctx: RunContext, manifest: Manifest) -> CountryResult:
    """Ingest, compare and render one country, recomputing only what is not stored.

    The country's error boundary: whatever goes wrong in its timeline, tables or pages
    rejects this country's entries alone (the disk failing stops the run instead)."""
    with fewer_collections():
        try:
            return _process_country(job, ctx, manifest)
        except (OSError, WorkspaceError):
            raise
        except Exception as exc:
            reason = str(exc) if isinstance(exc, CrtdiffError) else internal_error(job.country, exc)
            return _rejected_country(job, reason)


def _rejected_country(job: CountryJob, reason: str) -> CountryResult:
    entries = [
        item.failure
        or EntryOutcome(item.entry.key, Status.REJECTED, reason=reason, notes=item.notes)
        for item in job.todo
    ]
    entries += [
        EntryOutcome(o.key, Status.REJECTED, reason=reason, notes=o.notes)
        if o.status is Status.OK
        else o
        for o in job.cached
    ]
    return CountryResult(job.country, entries, [], None, {}, rendered=False)


def _process_country(job: CountryJob, ctx: RunContext, manifest: Manifest) -> CountryResult:
    by_entry_key = {e.key: e for e in ctx.catalog.entries}
    origins = {o.report_key: by_entry_key.get(o.key) for o in job.cached if o.report_key}

    def reparse(report_key: str) -> CountryReport | None:
        entry = origins.get(report_key)
        return _parse_and_store(entry, None, report_key, ctx, memory) if entry else None

    memory = _Reports(ctx.results, reparse)
    entries = list(job.cached) + [_ingest(item, ctx, manifest, memory) for item in job.todo]
    ok = [o for o in entries if o.status is Status.OK]
    plans = plan_pairs(ok, ctx.keys)
    compared = [_compare(plan, ctx, manifest, memory) for plan in plans]
    pairs = [o for o, _ in compared]
    good_pairs = [o for o in pairs if o.status is Status.OK]
    if not ok:
        return CountryResult(job.country, entries, pairs, None, {}, rendered=False)
    outputs = _pages(ok, good_pairs, ctx, manifest, memory)
    coverage = country_coverage(job.country, entries, ctx.catalog)
    key = country_key(
        ok,
        [p for p, (o, _) in zip(plans, compared, strict=True) if o.status is Status.OK],
        ctx.keys,
        coverage,
    )
    rendered = (
        manifest.countries.get(job.country) != key
        or not summary_intact(ctx.results, key)
        or not (search_bundle(ctx.out_dir, job.country) / "pagefind.js").is_file()
    )
    if rendered:
        _timeline(key, ok, good_pairs, ctx, memory, coverage)
    outputs[f"{slugify(job.country)}/index.html"] = key
    return CountryResult(job.country, entries, pairs, key, outputs, rendered)


# --- the index ----------------------------------------------------------------------------


def render_site_index(
    country_keys: dict[str, str], ctx: RunContext, pages: dict[str, str] | None = None
) -> dict[str, str]:
    """Write the index, assets and data tables from the stored country summaries and tables,
    and the pages across countries; `pages`: the group and year pages written before, with
    their keys (only those whose key changed are rendered again). Returns every group and
    year page with its key."""
    summaries: list[CountrySummary] = []
    tables = []
    explorer: list[Part] = []
    with fewer_collections():
        for country, key in sorted(country_keys.items()):
            summary = ctx.results.load("summaries", key, CountrySummary)
            data = [ctx.results.load_bytes("summaries", key, name) for name in SUMMARY_TABLES]
            part = ctx.results.load_json("summaries", key, EXPLORER_PART)
            if summary is None or any(d is None for d in data) or not isinstance(part, list):
                # Checked before the country was settled: only a concurrent damage gets here.
                raise CrtdiffError(
                    country, "its stored summary was damaged during the run; run again"
                )
            summaries.append(summary)
            tables.append(
                {name: read_table(d or b"") for name, d in zip(TABLES, data, strict=True)}
            )
            explorer.append(part)
        write_assets(ctx.out_dir)
        write_index(ctx.out_dir, summaries, ctx.series, switch_links(ctx.site, ctx.series))
        write_tables(concat_tables(tables), ctx.out_dir / "data")
        cache = PageCache(ctx.out_dir, ctx.keys.render, pages or {}, ctx.results)
        write_archive_pages(ctx.out_dir, summaries, cache, explorer)
    return cache.pages


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
