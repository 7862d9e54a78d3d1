"""The official URL and publication date a page states about itself, and nothing guessed."""

from pathlib import Path

import pytest

from crtdiff.ingest.provenance import is_official, iso_date
from crtdiff.reference.bundle import Reference
from tests.conftest import FIXTURES, ParseFn

PAGES = FIXTURES / "pages"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-03-03T18:10:37+00:00", "2020-03-03"),
        ("April 30, 2014", "2014-04-30"),
        ("30 May 2013", "2013-05-30"),
        (" 1 November 2019. ", "2019-11-01"),
        ("February 30, 2014", None),
        ("Spring 2014", None),
        ("2014", None),
    ],
)
def test_iso_date(text: str, expected: str | None) -> None:
    assert iso_date(text) == expected


@pytest.mark.parametrize(
    ("url", "official"),
    [
        ("https://www.state.gov/reports/country-reports-on-terrorism-2019/niger/", True),
        ("https://2009-2017.state.gov/j/ct/rls/crt/2014/239404.htm", True),
        ("https://translations.state.gov/2017/07/26/country-reports-on-terrorism-2016-mali/", True),
        ("https://www.refworld.org/docid/51c2f3a418.html", False),
        ("https://state.gov.example.com/page", False),
        ("ftp://www.state.gov/x", False),
        (None, False),
    ],
)
def test_official_hosts(url: str | None, official: bool) -> None:
    assert is_official(url) is official


def test_state_gov_page_gives_its_canonical_url(parse: ParseFn) -> None:
    report = parse(PAGES / "state-gov-2019-niger.html", "saved/niger.html")
    expected = "https://2017-2021.state.gov/reports/country-reports-on-terrorism-2019/niger/"
    assert report.source.url == expected
    assert report.source.published is None  # the page states no date: none is invented


def test_region_page_gives_its_dated_header(parse: ParseFn) -> None:
    report = parse(PAGES / "region-africa-2013.html", country="Mali")
    assert report.source.published == "2014-04-30"
    assert report.source.url is None


def test_mirrors_give_the_publication_date_they_record(parse: ParseFn) -> None:
    refworld = parse(PAGES / "refworld-2012-chad.html", "https://www.refworld.org/docid/x.html")
    assert (refworld.source.published, refworld.source.url) == ("2013-05-30", None)
    ecoi = parse(PAGES / "ecoi-2018-burkina-faso.html")
    assert ecoi.source.published == "2019-11-01"


def test_an_official_url_read_from_is_the_official_url(parse: ParseFn) -> None:
    text = (FIXTURES / "chapters" / "niger-2012.txt").read_bytes()
    url = "https://2009-2017.state.gov/j/ct/rls/crt/2012/209979.htm"
    assert parse(text, url, country="Niger").source.url == url
    assert parse(text, "https://mirror.example.org/x", country="Niger").source.url is None


def test_browser_saved_page_and_publication_metadata(parse: ParseFn) -> None:
    page = (PAGES / "state-gov-2019-niger.html").read_text(encoding="utf-8")
    page = page.replace(
        '<link rel="canonical" href="https://2017-2021.state.gov/reports/country-reports-on-terrorism-2019/niger/" />',
        "",
    )
    page = page.replace(
        '<meta property="og:url" content="https://2017-2021.state.gov/reports/country-reports-on-terrorism-2019/niger/" />',
        '<meta property="article:published_time" content="2020-06-24T12:00:00+00:00" />',
    )
    saved = "<!-- saved from url=(0068)https://www.state.gov/reports/country-reports-on-terrorism-2019/niger/ -->\n"
    report = parse((saved + page).encode("utf-8"), "niger.html")
    assert (
        report.source.url
        == "https://www.state.gov/reports/country-reports-on-terrorism-2019/niger/"
    )
    assert report.source.published == "2020-06-24"


def test_catalogue_values_win_and_illustrative_text_carries_none(parse: ParseFn) -> None:
    page = PAGES / "state-gov-2019-niger.html"
    stated = parse(page, url="https://www.state.gov/x/", published="2020-06")
    assert (stated.source.url, stated.source.published) == ("https://www.state.gov/x/", "2020-06")
    fake = parse(page, illustrative=True, url="https://www.state.gov/x/", published="2020-06")
    assert (fake.source.url, fake.source.published) == (None, None)


def test_real_state_gov_template(shared_dir: Path, parse: ParseFn, reference: Reference) -> None:
    """The real state.gov pages (a sister series): URL from the canonical link, date from the
    page's structured data; the 2024 page states no publication date, so none is given."""
    from datetime import UTC, datetime

    from crtdiff.series.chapter import RawSource, page_provenance

    folder = shared_dir / "pages" / "state-gov-hrr"
    found = {}
    for name in ("hrr-2019-mali.html", "hrr-2024-mali.html"):
        raw = RawSource((folder / name).read_bytes(), name, datetime(2026, 1, 1, tzinfo=UTC))
        found[name] = page_provenance(raw, reference)
    assert found["hrr-2019-mali.html"].published == "2020-03-03"
    assert found["hrr-2019-mali.html"].url == (
        "https://www.state.gov/reports/2019-country-reports-on-human-rights-practices/mali/"
    )
    assert found["hrr-2024-mali.html"].published is None
