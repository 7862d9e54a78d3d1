"""The coverage of a whole catalogue: this run's outcomes, else the last run's rows."""

from typing import Any

from crtdiff.catalog.model import CatalogEntry
from crtdiff.pipeline.archive_coverage import archive_coverage
from crtdiff.pipeline.outcome import EntryOutcome, Status

OFFICIAL = "https://www.state.gov/reports/country-reports-on-terrorism-2018/chad/"


def test_archive_coverage_takes_this_run_then_the_last_run_and_forgets_removed_entries() -> None:
    entries = [
        CatalogEntry(country="Mali", year=2016, source="raw/mali/2016.txt"),
        CatalogEntry(country="Mali", year=2016, source="raw/haven.txt", chapter="safe-haven"),
        CatalogEntry(country="Chad", year=2015, source=OFFICIAL),
        CatalogEntry(country="Togo", year=2015, source="raw/togo.txt"),  # never run yet
        CatalogEntry(country="Niger", year=2012, source="raw/niger.txt"),
    ]
    outcomes = [
        EntryOutcome("Mali:2016", Status.OK),
        EntryOutcome("Mali:2016:safe-haven", Status.OK, illustrative=True),
    ]
    remembered: dict[str, dict[str, Any]] = {
        "Chad:2015": {"country": "Chad", "chapter": "country", "year": 2015,
                      "status": "unavailable", "reason": "HTTP 404"},
        "Niger:2012": {"country": "Niger", "status": "bogus"},  # damaged: left out
        "Gone:2010": {"country": "Gone", "chapter": "country", "year": 2010, "status": "real"},
    }  # fmt: skip
    rows = archive_coverage(entries, outcomes, remembered)
    assert sorted(rows) == ["Chad:2015", "Mali:2016", "Mali:2016:safe-haven"]
    assert (rows["Mali:2016"].status, rows["Mali:2016"].page) == ("real", "mali/2016.html")
    haven = rows["Mali:2016:safe-haven"]
    assert (haven.status, haven.page) == ("illustrative", "mali/2016-safe-haven.html")
    assert (rows["Chad:2015"].status, rows["Chad:2015"].reason) == ("unavailable", "HTTP 404")
