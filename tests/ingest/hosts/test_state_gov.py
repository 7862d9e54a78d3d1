"""state.gov 2017+ template: the real pages of the sister series with a CRT body inside."""

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from crtdiff.schemas.sections import canonical_keys
from tests.builders import HEADINGS, crt_body_html, seed_paragraphs
from tests.conftest import FIXTURES, ParseFn

REAL_PAGES = ["hrr-2019-mali.html", "hrr-2020-mali.html", "hrr-2024-mali.html"]


def page_with_crt_body(real_page: Path) -> tuple[str, list[str]]:
    """The real page with its report body replaced by the seed; and the page's furniture lines."""
    tree = LexborHTMLParser(real_page.read_text(encoding="utf-8"))
    content = tree.css_first(".report__content")
    assert content is not None
    content.inner_html = ""
    furniture_tree = LexborHTMLParser(tree.html or "")
    for node in furniture_tree.css("script, style, noscript, svg"):
        node.decompose()
    body = furniture_tree.body
    assert body is not None
    furniture = [
        " ".join(line.split())
        for line in (body.text(separator="\n") or "").splitlines()
        if len(line.split()) >= 2
    ]
    content.inner_html = crt_body_html()
    headline = tree.css_first("h1")
    assert headline is not None
    headline.inner_html = "Country Reports on Terrorism 2016: Mali"
    return tree.html or "", furniture


@pytest.mark.parametrize("name", REAL_PAGES)
def test_real_state_gov_page_keeps_only_the_chapter(
    name: str, shared_dir: Path, parse: ParseFn
) -> None:
    page, furniture = page_with_crt_body(shared_dir / "pages" / "state-gov-hrr" / name)
    url = "https://www.state.gov/reports/country-reports-on-terrorism-2016/mali/"
    report = parse(page.encode(), url)
    assert (report.country, report.year, report.source.host) == ("Mali", 2016, "state.gov")
    assert [s.key for s in report.sections] == list(canonical_keys())
    for paragraph in seed_paragraphs():
        text = HEADINGS.sub("", paragraph).lstrip("• ").strip()
        assert text in report.body
    # A furniture line may be a country name that the chapter also mentions: compare whole
    # lines, and long furniture lines as substrings.
    body_lines = {line.strip() for line in report.body.splitlines()}
    leftovers = [
        line
        for line in furniture
        if line in body_lines or (len(line.split()) >= 6 and line in report.body)
    ]
    assert leftovers == []
    for marker in ("official website", "Privacy Policy", "FOIA", "No FEAR Act", "Here's how"):
        assert marker not in report.body


def test_own_state_gov_fixture(parse: ParseFn) -> None:
    report = parse(FIXTURES / "pages" / "state-gov-2019-niger.html")
    assert (report.country, report.year, report.source.host) == ("Niger", 2019, "state.gov")
    assert report.title == "Country Reports on Terrorism 2019: Niger"
    assert len(report.sections) == 6
    incidents = report.section("incidents")
    assert incidents is not None
    assert [s.bullet for s in incidents.sentences] == [None, None, 0, 1]
    for furniture in (
        "An official website",
        "ARCHIVED CONTENT",
        "Skip to content",
        "Download PDF",
        "Related Articles",
        "Privacy Policy",
        "No FEAR Act",
        "Lessons of 1989",
        "Countries & Areas",
    ):
        assert furniture not in report.body
    assert report.body.startswith("Overview: Niger remained")
    assert report.body.endswith("Trans-Sahara Counterterrorism Partnership.")
