"""What a run publishes besides its report: each country's newest pair."""

from crtdiff.pipeline.outcome import EntryOutcome, RunReport, Status
from crtdiff.schemas.diff import YearDiff
from crtdiff.store.results import ResultStore


def newest_pairs(run: RunReport, results: ResultStore) -> list[YearDiff]:
    """Each country's (and chapter's) newest pair, recomputed in this run or not: the artifacts
    are the latest state of every country, under keys that never change."""
    newest: dict[tuple[str, str], EntryOutcome] = {}
    compared = [c for c in run.comparisons if c.status is Status.OK and c.country]
    for c in sorted(compared, key=lambda c: c.year or 0):
        newest[(c.country or "", c.chapter or "country")] = c
    loaded = [results.load("diffs", c.report_key or "", YearDiff) for c in newest.values()]
    return [d for d in loaded if d is not None]
