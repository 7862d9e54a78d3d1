"""Each country's newest pair, per chapter, whether compared in this run or reused."""

from pathlib import Path

from crtdiff.pipeline.newest_pairs import newest_pairs
from crtdiff.pipeline.outcome import EntryOutcome, RunReport, Status
from crtdiff.reference.bundle import Reference
from crtdiff.schemas import CountryReport
from crtdiff.series.compare import compare_reports
from crtdiff.store.results import ResultStore


def test_the_newest_pair_of_each_country_and_chapter(
    tmp_path: Path,
    mali_2015: CountryReport,
    seed_report: CountryReport,
    mali_2017: CountryReport,
    reference: Reference,
) -> None:
    store = ResultStore(tmp_path)
    haven = [r.model_copy(update={"chapter": "safe-haven"}) for r in (mali_2015, seed_report)]
    diffs = {
        "older": compare_reports(mali_2015, seed_report, reference.gazetteer),
        "newer": compare_reports(seed_report, mali_2017, reference.gazetteer),
        "haven": compare_reports(haven[0], haven[1], reference.gazetteer),
    }
    for key, diff in diffs.items():
        store.save("diffs", key, diff)

    def pair(key: str, year: int, chapter: str = "country") -> EntryOutcome:
        return EntryOutcome(key, Status.OK, report_key=key, country="Mali", chapter=chapter,
                            year=year, cached=key == "older")  # fmt: skip

    run = RunReport("2026-01-01T00:00:00+00:00")
    run.comparisons = [
        pair("newer", 2017), pair("older", 2016), pair("haven", 2016, "safe-haven"),
        EntryOutcome("Mali:2017-2018", Status.REJECTED, reason="bad", country="Mali", year=2018),
        pair("gone", 2019, "other"),  # no longer in the store: left out
    ]  # fmt: skip
    newest = newest_pairs(run, store)
    assert [(d.chapter, d.old_year, d.new_year) for d in newest] == [
        ("country", 2016, 2017), ("safe-haven", 2015, 2016),
    ]  # fmt: skip
