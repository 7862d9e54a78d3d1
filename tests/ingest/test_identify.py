"""Country and year from every clue, never a wrong one: mirror pages without a usable title are
identified; conflicting clues are refused; a text about another country than the one asked for
is refused in `add`/`run` and warned about in `ingest`."""

from datetime import UTC, datetime

import pytest

from crtdiff.errors import MetadataError
from crtdiff.ingest.identify import resolve_country, resolve_year
from crtdiff.ingest.metadata import Clues, CountryClue, YearClue
from crtdiff.ingest.subject import Subject
from crtdiff.reference.bundle import Reference
from crtdiff.schemas import CountryReport
from crtdiff.series.chapter import OnMismatch, RawSource, Request, parse_chapter
from tests.conftest import FIXTURES, SEED, ParseFn

PAGES = FIXTURES / "pages"
# The real seed without its title lines: nothing but the text says it is Mali's chapter.
UNTITLED_MALI = SEED.read_text(encoding="utf-8").split("Country Reports on Terrorism 2016\n")[1]


def strict(data: bytes, uri: str, reference: Reference, **asked: object) -> CountryReport:
    raw = RawSource(data, uri, datetime(2026, 1, 1, tzinfo=UTC))
    request = Request(asked.get("country"), asked.get("year"), None, OnMismatch.REJECT)  # type: ignore[arg-type]
    return parse_chapter(raw, request, reference)


def test_refworld_copy_titled_only_with_the_site_name(parse: ParseFn) -> None:
    # Its metadata lines say Niger and a publication date of 5 August 2010: the 2009 edition.
    report = parse(PAGES / "refworld-2009-niger.html", "http://www.refworld.org/docid/4c63.html")
    assert (report.country, report.year) == ("Niger", 2009)
    assert not [w for w in report.warnings if w.code.endswith("_mismatch")]


def test_ecoi_text_copy_without_its_title(parse: ParseFn) -> None:
    # "Original link" is the official URL; "Published: 24 June 2020" the 2019 edition's date.
    report = parse(PAGES / "ecoi-2019-somalia.txt", "https://www.ecoi.net/en/document/2031436.html")
    assert (report.country, report.year) == ("Somalia", 2019)
    assert report.title == "Country Reports on Terrorism 2019: Somalia"
    assert "Associated documents" not in report.body


def test_refworld_new_url_year_and_the_opening_sentence(parse: ParseFn) -> None:
    # No title at all: the URL's publication year (2013: the 2012 edition) and the opening
    # sentence ("Overview: Chad was ...") agree with what the text is about.
    page = (PAGES / "refworld-2012-chad.html").read_text(encoding="utf-8")
    page = page.replace("Country Reports on Terrorism 2012 - Chad", "Document")
    page = page.replace("<p>Countries: Chad</p>", "")
    report = parse(page.encode(), "https://www.refworld.org/reference/annualreport/usdos/2013/en/9")
    assert (report.country, report.year) == ("Chad", 2012)


def test_the_seed_without_its_title_is_identified(parse: ParseFn) -> None:
    report = parse(UNTITLED_MALI.encode(), "copied-chapter.txt")
    assert (report.country, report.year) == ("Mali", 2016)


def test_text_about_another_country_is_refused_in_add_and_run(reference: Reference) -> None:
    with pytest.raises(MetadataError) as info:
        strict(UNTITLED_MALI.encode(), "copied-chapter.txt", reference, country="Niger", year=2016)
    message = str(info.value)
    assert message.startswith("copied-chapter.txt: ")
    assert "copied-chapter.txt: the text (names Mali, its people, places or government" in message
    assert message.endswith("names Mali, but Niger was asked for")
    assert "\n" not in message


def test_text_about_another_country_is_warned_in_ingest(parse: ParseFn) -> None:
    report = parse(UNTITLED_MALI.encode(), "copied-chapter.txt", country="Niger", year=2016)
    warnings = [w.message for w in report.warnings if w.code == "country_mismatch"]
    assert warnings[0].startswith("the text (names Mali, its people, places or government")
    assert warnings[0].endswith("names Mali, but Niger was asked for")
    assert report.country == "Niger"  # ingest keeps what was asked, and says it disagrees


def test_a_chapter_that_names_its_neighbours_is_still_its_own(reference: Reference) -> None:
    # The Mali 2017 chapter names Niger, France and Burkina Faso: it is Mali's all the same.
    data = (FIXTURES.parent.parent / "data" / "samples" / "mali" / "2017.txt").read_bytes()
    report = strict(data, "samples/mali/2017.txt", reference, country="Mali", year=2017)
    assert report.country == "Mali"


def test_flipbook_volume_pages_give_the_year_from_their_running_header(parse: ParseFn) -> None:
    text = (PAGES / "flipbook-2016-niger.txt").read_text(encoding="utf-8")
    text = text.replace("2016 Terrorist Incidents", "Terrorist Incidents")
    report = parse(text.encode(), "https://fliphtml5.com/abcd/efgh/basic/201-250", country="Niger")
    assert report.year == 2016


def clue(country: str, where: str, reference: Reference, strong: bool = True) -> CountryClue:
    found = reference.countries.resolve(country)
    assert found is not None
    return CountryClue(found, where, strong)


NO_SUBJECT = Subject({}, None)


def test_strong_clues_that_disagree_are_refused(reference: Reference) -> None:
    clues = Clues(
        countries=[clue("Niger", "title 'X'", reference), clue("Mali", "URL y", reference)]
    )
    with pytest.raises(MetadataError, match="clues disagree on the country: title 'X' names"):
        resolve_country(
            None, clues, None, NO_SUBJECT, reference.countries, OnMismatch.WARN, "page.html"
        )
    years = Clues(years=[YearClue(frozenset([2016]), "title"), YearClue(frozenset([2017]), "URL")])
    with pytest.raises(MetadataError, match="clues disagree on the report year"):
        resolve_year(None, years, OnMismatch.WARN, "page.html")


def test_weak_clues_that_disagree_with_a_strong_one_are_warnings(reference: Reference) -> None:
    clues = Clues(
        countries=[
            clue("Niger", "title 'X'", reference),
            clue("Mali", "path mali.txt", reference, strong=False),
        ],
        years=[YearClue(frozenset([2016]), "title"), YearClue(frozenset([2015]), "path", False)],
    )
    country, warnings = resolve_country(
        None, clues, None, NO_SUBJECT, reference.countries, OnMismatch.WARN, "p"
    )
    assert country.name == "Niger" and [w.code for w in warnings] == ["country_mismatch"]
    year, warnings = resolve_year(None, clues, OnMismatch.WARN, "p")
    assert year == 2016 and [w.code for w in warnings] == ["year_mismatch"]


def test_a_publication_year_that_fits_two_editions_needs_another_clue() -> None:
    ambiguous = YearClue(frozenset([2021, 2022]), "refworld URL u (published 2023)")
    with pytest.raises(MetadataError, match=r"cannot tell the report year \(refworld URL u"):
        resolve_year(None, Clues(years=[ambiguous]), OnMismatch.WARN, "p")
    heading = YearClue(frozenset([2022]), "heading '2022 Terrorist Incidents'", strong=False)
    year, warnings = resolve_year(None, Clues(years=[ambiguous, heading]), OnMismatch.WARN, "p")
    assert (year, warnings) == (2022, [])


def test_another_years_report_named_in_the_page_does_not_override_its_title(
    parse: ParseFn,
) -> None:
    # A link to last year's report left in the text is a weak clue: a warning, not the year.
    page = (PAGES / "state-gov-2019-niger.html").read_text(encoding="utf-8")
    overview_end = page.index("</p>", page.index("<strong>Overview:</strong>")) + len("</p>")
    links = "<p>Country Reports on Terrorism 2018</p>"
    page = page[:overview_end] + links + page[overview_end:]
    report = parse(page.encode(), "saved-page.html")
    assert (report.country, report.year) == ("Niger", 2019)
    [warning] = [w for w in report.warnings if w.code.endswith("_mismatch")]
    assert warning.message == "the line 'Country Reports on Terrorism 2018' says 2018, not 2019"
