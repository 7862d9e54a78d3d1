"""A country's task, entry by entry and pair by pair: parse an entry unless its report is
stored, compare a pair unless its diff is stored, and write their JSON when stale."""

from crtdiff.catalog.model import CatalogEntry
from crtdiff.catalog.sources import resolve_source
from crtdiff.errors import CrtdiffError
from crtdiff.pipeline.boundary import internal_error
from crtdiff.pipeline.context import Resolved, RunContext
from crtdiff.pipeline.country_memory import CountryMemory
from crtdiff.pipeline.manifest import Manifest
from crtdiff.pipeline.outcome import EntryOutcome, Status
from crtdiff.pipeline.output_json import output_json
from crtdiff.pipeline.pair_plan import PairPlan
from crtdiff.pipeline.timeline_parts import ChapterParts, PairParts
from crtdiff.reports.output_paths import OutputPaths
from crtdiff.schemas import CountryReport
from crtdiff.schemas.diff import YearDiff
from crtdiff.series.chapter import OnMismatch, RawSource, Request, parse_chapter
from crtdiff.series.compare import compare_reports


def parse_and_store(
    entry: CatalogEntry, raw: RawSource | None, key: str, ctx: RunContext, memory: CountryMemory
) -> CountryReport:
    """Parse an entry (reading its source again when `raw` is not at hand) and store the
    report, its timeline parts attached, under `key`."""
    raw = raw or resolve_source(entry, ctx.catalog, ctx.urls).raw
    request = Request(entry.country, entry.year, entry.chapter, OnMismatch.REJECT, entry.series)
    report = parse_chapter(raw, request, ctx.reference)
    parts = memory.parts[key] = ChapterParts.of(report, ctx.keys.render)
    memory.encoded[key] = ctx.results.save("reports", key, report, parts)
    return report


def ingest_entry(
    item: Resolved, ctx: RunContext, manifest: Manifest, memory: CountryMemory
) -> EntryOutcome:
    """Parse an entry unless its report is stored; write its JSON when stale."""
    entry = item.entry
    if item.failure is not None or item.key is None:
        return item.failure or EntryOutcome(entry.key, Status.REJECTED, reason="no source")
    try:
        stored = memory.stored_report(item.key) if item.raw is None else None
        cached = stored is not None
        report = stored or parse_and_store(entry, item.raw, item.key, ctx, memory)
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
    relative = OutputPaths.report_json(report.country, report.year, report.chapter)
    compact = memory.encoded.pop(item.key, None)
    manifest.write_stale(ctx.out_dir, relative, item.key, lambda: output_json(report, compact))
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


def compare_and_store(plan: PairPlan, ctx: RunContext, memory: CountryMemory) -> YearDiff:
    """Compare a pair and store its diff, its timeline parts attached."""
    diff = compare_reports(
        memory.report(plan.old_key), memory.report(plan.new_key), ctx.reference.gazetteer
    )
    parts = memory.parts[plan.key] = PairParts.of(diff, ctx.keys.render)
    memory.encoded[plan.key] = ctx.results.save("diffs", plan.key, diff, parts)
    memory.diffs[plan.key] = diff
    return diff


def compare_pair(
    plan: PairPlan, ctx: RunContext, manifest: Manifest, memory: CountryMemory
) -> EntryOutcome:
    """Compare a pair unless its diff is stored; write its JSON when stale (a stored diff is
    read only then, or for its pages: CountryMemory.has_diff)."""
    try:
        cached = memory.has_diff(plan.key)
        if not cached:
            compare_and_store(plan, ctx, memory)
    except CrtdiffError as exc:
        return EntryOutcome(plan.label, Status.REJECTED, reason=str(exc))
    except OSError:
        raise
    except Exception as exc:  # a bug must not take down the other comparisons
        return EntryOutcome(plan.label, Status.REJECTED, reason=internal_error(plan.label, exc))
    relative = OutputPaths.pair_file(
        plan.country, plan.old_year, plan.new_year, plan.chapter, "json"
    )

    def text() -> bytes:
        diff = memory.required_diff(plan.key, plan.label)  # may compare it again: first
        return output_json(diff, memory.encoded.pop(plan.key, None))

    manifest.write_stale(ctx.out_dir, relative, plan.key, text)
    memory.encoded.pop(plan.key, None)  # the JSON was fresh: not needed
    return EntryOutcome(
        plan.label, Status.OK, output=relative, illustrative=plan.illustrative, cached=cached,
        report_key=plan.key, country=plan.country, chapter=plan.chapter, year=plan.new_year,
    )  # fmt: skip
