"""Furniture of real page templates never reaches the chapter: disclaimers, banners, archive
notices, flip-book and PDF page furniture; a section of leftovers never headlines."""

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from crtdiff.compare.headline import MIN_SECTION_WORDS, section_words
from crtdiff.ingest.furniture import drop_furniture_lines
from crtdiff.reference.bundle import Reference
from crtdiff.reference.furniture import load_furniture
from crtdiff.reference.headings import CANONICAL_KEYS
from crtdiff.schemas import CountryReport
from crtdiff.series.compare import compare_reports
from tests.builders import crt_body_html
from tests.conftest import FIXTURES, ParseFn

PAGES = FIXTURES / "pages"


def leftovers(report: CountryReport, words: list[str]) -> list[str]:
    return [w for w in words if w.casefold() in report.body.casefold()]


@pytest.mark.parametrize("name", ["refworld-2007-kenya.html", "refworld-2008-kenya.html"])
def test_refworld_disclaimer_before_or_after_the_chapter(name: str, parse: ParseFn) -> None:
    report = parse(PAGES / name, "https://www.refworld.org/docid/49fac6b2c.html")
    furniture = ["Disclaimer", "UNHCR", "Search Refworld", "Publisher", "Last Updated", "Cite as"]
    assert leftovers(report, furniture) == []
    assert [s.key for s in report.sections if s.key.startswith("other:")] == []
    assert report.body.startswith("Kenya remained a strong partner")
    assert report.body.endswith("East Africa Counterterrorism Initiative.")


def test_headless_chapters_with_disclaimers_headline_no_leftover_section(
    parse: ParseFn, reference: Reference
) -> None:
    old = parse(PAGES / "refworld-2007-kenya.html", "https://www.refworld.org/docid/47d.html")
    new = parse(PAGES / "refworld-2008-kenya.html", "https://www.refworld.org/docid/49f.html")
    diff = compare_reports(old, new, reference.gazetteer)
    # A leftover "Disclaimer:" line once made "Most changed section: Unsectioned text (0.00)".
    sentences = [s.text for r in (old, new) for section in r.sections for s in section.sentences]
    assert [s for s in sentences if len(s.split()) < 5] == []
    [most] = [h for h in diff.headline if h.text.startswith("Most changed section")]
    [section] = [s for s in diff.sections if s.key == most.refs[0]]
    assert min(section_words(section)) >= MIN_SECTION_WORDS


def test_state_gov_archive_text_copy(parse: ParseFn) -> None:
    report = parse(PAGES / "state-gov-archive-2018-chad.txt")
    assert (report.country, report.year) == ("Chad", 2018)
    assert [s.key for s in report.sections] == list(CANONICAL_KEYS)
    assert leftovers(
        report,
        ["A lock", "safely connected", "NOT UPDATED", "archived content", "External links",
         "official website", "Back to Top", "TAGS", "USA.gov", "Live Now"],
    ) == []  # fmt: skip
    assert report.body.startswith("Overview: Chad remained")
    assert report.body.endswith("Trans-Sahara Counterterrorism Partnership.")


def test_flipbook_text_of_the_whole_year_volume(parse: ParseFn) -> None:
    report = parse(
        PAGES / "flipbook-2016-niger.txt",
        "https://fliphtml5.com/abcd/efgh/basic/201-250",
        country="Niger",
    )
    assert (report.country, report.year, report.source.host) == ("Niger", 2016, "pdf-flipbook")
    assert len(report.sections) == 6
    assert leftovers(
        report,
        ["Page 21", "of 445", "Read the Text Version", "Previous", "Thumbnails", "P. 213",
         "Country Reports on Terrorism", "212", "ePaper", "Recommendations", "Nigeria continued"],
    ) == []  # fmt: skip
    overview = report.section("overview")
    assert overview is not None
    # The page break fell inside this sentence: it is whole again, without the page furniture.
    assert any(
        s.text.startswith("The Government of Niger continued to work closely")
        and s.text.endswith("in the Lake Chad Basin.")
        for s in overview.sentences
    )
    assert [i.place for i in report.incidents] == ["Bosso", "Tazalit", "Abalak"]


def test_page_break_inside_a_sentence_is_joined_and_a_finished_one_is_not() -> None:
    furniture = load_furniture()
    cut = "continued to work closely with the United States on\n\nPage 212 of 445\n212\n\nissues."
    assert drop_furniture_lines(cut, furniture).text == (
        "continued to work closely with the United States on\nissues."
    )
    whole = "The year ended.\n\n213\nCountry Reports on Terrorism 2016\n\nA new paragraph."
    clean = drop_furniture_lines(whole, furniture)
    assert clean.text == "The year ended.\n\nA new paragraph."
    assert clean.dropped == ["213", "Country Reports on Terrorism 2016"]


_CITATION = (
    "United States Department of State, Country Reports on Terrorism 2009 - Sri Lanka, "
    "5 August 2010, available at: http://www.refworld.org/docid/4c63b62f2d.html "
    "[accessed 9 March 2013]"
)


@pytest.mark.parametrize(
    "prose",
    [
        "The group's statement, available at http://www.refworld.org/docid/4a3f.html, claimed "
        "the attack on 3 May that killed 12 soldiers.",
        "The government's list of 14 banned groups is available at: "
        "https://www.refworld.org/docid/55a1.html.",
        "Casualty figures were unavailable at first; a list is available at "
        "https://www.refworld.org/docid/5b2.html for 2014.",
        "Casualty figures were unavailable at: https://www.refworld.org/docid/5b2.html",
    ],
)
def test_prose_citing_a_refworld_document_is_not_its_citation_line(prose: str) -> None:
    furniture = load_furniture()
    clean = drop_furniture_lines(f"{_CITATION}\n\n{prose}\n", furniture)
    assert clean.dropped == [_CITATION]
    assert clean.text.strip() == prose


BANNERS = [
    "A lock ( ) or https:// means you’ve safely connected to the .gov website. Share sensitive "
    "information only on official, secure websites.",
    "Content in this archive site is NOT UPDATED, and links may not function.",
    "Disclaimer:",
]


@pytest.mark.parametrize("name", ["hrr-2019-mali.html", "hrr-2020-mali.html", "hrr-2024-mali.html"])
def test_real_state_gov_pages_with_banners_inside_the_chapter(
    name: str, shared_dir: Path, parse: ParseFn
) -> None:
    # A saved copy can carry the site's banners inside the report container: put them there.
    tree = LexborHTMLParser(
        (shared_dir / "pages" / "state-gov-hrr" / name).read_text(encoding="utf-8")
    )
    content = tree.css_first(".report__content")
    assert content is not None
    banners = "".join(f"<p>{b}</p>" for b in BANNERS)
    content.inner_html = banners + crt_body_html() + banners
    headline = tree.css_first("h1")
    assert headline is not None
    headline.inner_html = "Country Reports on Terrorism 2016: Mali"
    url = "https://2017-2021.state.gov/reports/country-reports-on-terrorism-2016/mali/"
    report = parse((tree.html or "").encode(), url)
    assert leftovers(report, ["A lock", "safely connected", "NOT UPDATED", "Disclaimer"]) == []
    assert report.body.startswith("Overview: The Government of Mali")
    assert report.body.endswith("in the Sahel-Sahara region.")
