"""A country's task: ingest, compare and render one country in one go, keeping its reports in
memory (nothing is written to the result store only to be read back by the next stage).

The flow resolves and keys every entry in its own process, and settles every country whose
reports, comparisons and pages are all as last time without any work (crtdiff/pipeline/settle.py);
each other country comes here.
"""

from dataclasses import dataclass

from crtdiff.errors import CrtdiffError, WorkspaceError
from crtdiff.pipeline.boundary import internal_error
from crtdiff.pipeline.collector import fewer_collections
from crtdiff.pipeline.context import RunContext
from crtdiff.pipeline.country_memory import CountryMemory
from crtdiff.pipeline.country_pages import finish_timeline, start_timeline, write_pages
from crtdiff.pipeline.country_work import (
    compare_and_store,
    compare_pair,
    ingest_entry,
    parse_and_store,
)
from crtdiff.pipeline.manifest import Manifest
from crtdiff.pipeline.outcome import EntryOutcome, Status
from crtdiff.pipeline.pair_plan import PairPlan, plan_pairs
from crtdiff.pipeline.settle import (
    CountryJob,
    country_coverage,
    country_key,
    search_bundle,
    summary_intact,
)
from crtdiff.reports.output_paths import OutputPaths
from crtdiff.schemas import CountryReport
from crtdiff.schemas.diff import YearDiff


@dataclass
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

    # Handed the memory rather than closing over it: a closure the memory holds would be a
    # reference cycle, keeping the country's reports alive until a full garbage collection.
    def reparse(report_key: str, memory: CountryMemory) -> CountryReport | None:
        entry = origins.get(report_key)
        return parse_and_store(entry, None, report_key, ctx, memory) if entry else None

    planned: dict[str, PairPlan] = {}
    recompared: set[str] = set()

    def recompare(diff_key: str, memory: CountryMemory) -> YearDiff | None:
        # A stored diff taken as present (CountryMemory.has_diff) found damaged or of an
        # older form when first needed: compared again, and its pair not counted as cached.
        plan = planned.get(diff_key)
        if plan is None:
            return None
        recompared.add(diff_key)
        return compare_and_store(plan, ctx, memory)

    memory = CountryMemory(ctx.results, reparse, recompare)
    entries = list(job.cached) + [ingest_entry(item, ctx, manifest, memory) for item in job.todo]
    ok = [o for o in entries if o.status is Status.OK]
    plans = plan_pairs(ok, ctx.keys)
    planned.update((p.key, p) for p in plans)
    pairs = [compare_pair(plan, ctx, manifest, memory) for plan in plans]
    done = [(p, o) for p, o in zip(plans, pairs, strict=True) if o.status is Status.OK]
    good_pairs = [o for _, o in done]
    if not ok:
        return CountryResult(job.country, entries, pairs, None, {}, rendered=False)
    coverage = country_coverage(job.country, entries, ctx.catalog)
    key = country_key(
        ok,
        [p for p, _ in done],
        ctx.keys,
        coverage,
    )
    rendered = (
        manifest.countries.get(job.country) != key
        or not summary_intact(ctx.results, key)
        or not (search_bundle(ctx.out_dir, job.country) / "pagefind.js").is_file()
    )
    # The search bundle builds in the background while the chapter and pair pages are written.
    timeline = start_timeline(job.country, ok, good_pairs, ctx, memory) if rendered else None
    try:
        outputs = write_pages(ok, done, ctx, manifest, memory)
        if timeline is not None:
            finish_timeline(timeline, key, ok, good_pairs, ctx, coverage)
    except BaseException:
        if timeline is not None:
            timeline.bundle.cancel()
        raise
    for o in pairs:
        if o.report_key in recompared:
            o.cached = False
    outputs[OutputPaths.country_page(job.country)] = key
    return CountryResult(job.country, entries, pairs, key, outputs, rendered)
