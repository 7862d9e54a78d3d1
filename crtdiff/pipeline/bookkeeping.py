"""A run's bookkeeping: what its countries' tasks did, counted into the run report and
remembered in the output manifest for the next run."""

from crtdiff.pipeline.country_task import CountryResult
from crtdiff.pipeline.manifest import Manifest
from crtdiff.pipeline.outcome import RunReport, Status, outcome_record, rejection_record


def take_results(
    run: RunReport, manifest: Manifest, country_keys: dict[str, str], results: list[CountryResult]
) -> None:
    """Add the countries' outcomes to the run, their pages to the manifest's outputs and their
    keys to `country_keys`; count the work done and reused."""
    for result in results:
        run.entries += result.entries
        run.comparisons += result.pairs
        manifest.outputs.update(result.outputs)
        if result.key is not None:
            country_keys[result.country] = result.key
    count_work(run, results)


def count_work(run: RunReport, results: list[CountryResult]) -> None:
    """The run's work figures: entries ingested and compared anew or reused (over the whole
    run), countries rendered or kept (those of `results` added: a run may dispatch twice)."""
    ok = [o for o in run.entries if o.status is Status.OK]
    run.work.ingested = sum(1 for o in ok if not o.cached)
    run.work.ingest_cached = sum(1 for o in ok if o.cached)
    compared = [c for c in run.comparisons if c.status is Status.OK]
    run.work.compared = sum(1 for c in compared if not c.cached)
    run.work.compare_cached = sum(1 for c in compared if c.cached)
    run.work.countries_rendered += sum(1 for r in results if r.rendered)
    run.work.countries_cached += sum(1 for r in results if not r.rendered and r.key)


def remember(run: RunReport, manifest: Manifest, country_keys: dict[str, str], index: str) -> None:
    """Record this run's outputs and outcomes for the next run to reuse."""
    for outcome in run.entries + run.comparisons:
        if outcome.status is Status.OK and outcome.output and outcome.report_key:
            manifest.outputs[outcome.output] = outcome.report_key
    ok = [o for o in run.entries if o.status is Status.OK]
    manifest.reports.update({o.key: outcome_record(o) for o in ok})
    for o in run.entries:
        if o.status is Status.REJECTED and o.report_key:
            manifest.rejected[o.key] = rejection_record(o)
        elif o.status is Status.OK:
            manifest.rejected.pop(o.key, None)
    manifest.pairs.update(
        {c.key: outcome_record(c) for c in run.comparisons if c.status is Status.OK}
    )
    manifest.countries = country_keys
    manifest.index = index
