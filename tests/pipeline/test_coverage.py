"""Coverage rows: every catalogued year, read or not, with the reason and the official URL."""

from crtdiff.catalog.model import CatalogEntry
from crtdiff.pipeline.coverage import coverage_digest, coverage_rows
from crtdiff.pipeline.outcome import EntryOutcome, Status

OFFICIAL = "https://www.state.gov/reports/country-reports-on-terrorism-2018/mali/"


def test_rows_say_why_a_year_is_missing_or_illustrative() -> None:
    entries = [
        CatalogEntry(country="Mali", year=2018, source=OFFICIAL, published="2019-11-01"),
        CatalogEntry(
            country="Mali", year=2016, source="raw/mali/2016.txt", url="https://www.state.gov/s/"
        ),
        CatalogEntry(
            country="Mali",
            year=2017,
            source="https://mirror.example.org/x",
            fallback="samples/x.txt",
        ),
        CatalogEntry(country="Mali", year=2019, source="raw/empty.txt"),
        CatalogEntry(country="Mali", year=2020, source="raw/not-run.txt"),
    ]
    outcomes = [
        EntryOutcome("Mali:2018", Status.UNAVAILABLE, reason=f"{OFFICIAL}: HTTP 404"),
        EntryOutcome("Mali:2016", Status.OK),
        EntryOutcome("Mali:2017", Status.OK, illustrative=True,
                     notes=["x: offline; using the illustrative fallback samples/x.txt (not official text)"]),
        EntryOutcome("Mali:2019", Status.REJECTED, reason="raw/empty.txt: file is empty"),
    ]  # fmt: skip
    rows = coverage_rows(entries, outcomes)
    assert [(r.year, r.status) for r in rows] == [
        (2016, "ok"), (2017, "illustrative"), (2018, "unavailable"), (2019, "rejected"),
    ]  # fmt: skip
    by_year = {r.year: r for r in rows}
    assert by_year[2016].official_url == "https://www.state.gov/s/" and by_year[2016].reason is None
    assert "illustrative fallback" in (by_year[2017].reason or "")
    assert by_year[2017].official_url is None  # a mirror is not an official page
    assert (by_year[2018].official_url, by_year[2018].published) == (OFFICIAL, "2019-11-01")
    assert by_year[2018].reason == f"{OFFICIAL}: HTTP 404"
    assert coverage_digest(rows) != coverage_digest(rows[:-1])
