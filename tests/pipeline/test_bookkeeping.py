"""What a run counts and remembers, from its outcomes and its countries' results."""

from crtdiff.pipeline.bookkeeping import count_work, remember, take_results
from crtdiff.pipeline.country_task import CountryResult
from crtdiff.pipeline.manifest import Manifest
from crtdiff.pipeline.outcome import EntryOutcome, RunReport, Status


def ok(key: str, year: int, *, cached: bool = False) -> EntryOutcome:
    return EntryOutcome(
        key, Status.OK, output=f"mali/{year}.json", report_key=f"r{year}", cached=cached,
        country="Mali", chapter="country", year=year,
    )  # fmt: skip


def test_results_are_taken_and_counted() -> None:
    run = RunReport("2026-01-01T00:00:00+00:00")
    run.entries = [ok("Niger:2019", 2019, cached=True)]  # a country settled before
    run.work.countries_cached = 1
    pair = EntryOutcome("Mali:2015-2016", Status.OK, output="mali/2015-2016.json", report_key="d")
    rendered = CountryResult(
        "Mali", [ok("Mali:2015", 2015, cached=True), ok("Mali:2016", 2016)], [pair], "km",
        {"mali/index.html": "km"}, rendered=True,
    )  # fmt: skip
    kept = CountryResult("Chad", [ok("Chad:2016", 2016, cached=True)], [], "kc", {}, False)
    rejected = EntryOutcome("Peru:2016", Status.REJECTED, reason="bad")
    failed = CountryResult("Peru", [rejected], [], None, {}, rendered=False)
    manifest, keys = Manifest(), {"Niger": "kn"}
    take_results(run, manifest, keys, [rendered, kept, failed])
    assert keys == {"Niger": "kn", "Mali": "km", "Chad": "kc"}
    assert manifest.outputs == {"mali/index.html": "km"}
    work = run.work
    assert (work.ingested, work.ingest_cached, work.compared, work.compare_cached) == (1, 3, 1, 0)
    assert (work.countries_rendered, work.countries_cached) == (1, 2)


def test_a_second_count_replaces_the_first() -> None:
    run = RunReport("2026-01-01T00:00:00+00:00")
    run.entries = [ok("Mali:2016", 2016)]
    count_work(run, [])
    count_work(run, [])
    assert (run.work.ingested, run.work.countries_rendered) == (1, 0)


def test_remember_records_outputs_outcomes_and_rejections() -> None:
    run = RunReport("2026-01-01T00:00:00+00:00")
    fixed = ok("Mali:2016", 2016)
    bad = EntryOutcome("Mali:2017", Status.REJECTED, reason="empty", report_key="r2017")
    bug = EntryOutcome("Mali:2018", Status.REJECTED, reason="internal error")  # no key: retried
    pair = EntryOutcome("Mali:2015-2016", Status.OK, output="mali/2015-2016.json", report_key="d",
                        country="Mali", chapter="country", year=2016)  # fmt: skip
    run.entries, run.comparisons = [fixed, bad, bug], [pair]
    manifest = Manifest(rejected={"Mali:2016": {"report_key": "old", "reason": "was bad"}})
    remember(run, manifest, {"Mali": "km"}, "index-key")
    assert manifest.outputs == {"mali/2016.json": "r2016", "mali/2015-2016.json": "d"}
    assert set(manifest.reports) == {"Mali:2016"}
    assert set(manifest.rejected) == {"Mali:2017"}  # Mali:2016 reads again: its rejection goes
    assert set(manifest.pairs) == {"Mali:2015-2016"}
    assert (manifest.countries, manifest.index) == ({"Mali": "km"}, "index-key")
