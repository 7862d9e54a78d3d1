"""Host recognition by content: markers are lower case, pages are matched whatever their case."""

import re

import pytest

from crtdiff.ingest.hosts import HOSTS, HostProfile, detect_host
from crtdiff.ingest.hosts.generic import GENERIC
from crtdiff.ingest.hosts.profile import leading_literal


@pytest.mark.parametrize("host", HOSTS, ids=lambda h: h.name)
def test_markers_are_lower_case_and_case_sensitive(host: HostProfile) -> None:
    for marker in host.markers:
        assert not marker.flags & re.IGNORECASE, marker.pattern
        letters = re.sub(r"\\[a-zA-Z]", "", marker.pattern)
        assert letters == letters.lower(), marker.pattern


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mali\nThis translation is provided as a courtesy.\nOverview", "translations.state.gov"),
        ("English   Français\nMali\n", "translations.state.gov"),
        ("<title>Mali - UNITED STATES DEPARTMENT OF STATE</title>", "state.gov"),
        ("An Official Website of the United States Government\nMali", "state.gov"),
        ("Search Refworld\nMali", "refworld"),
        ("Cite as: Chad Report, REFWORLD, 2013", "refworld"),
        ("Country Report on Terrorism 2018 - Chapter 1 - Burkina Faso", "ecoi"),
        ("Overview\n12\n\nCountry Reports on Terrorism 2016\nMali", "pdf-text"),
        ("Mali\nOverview: nothing else marks this page.", GENERIC.name),
    ],
)
def test_detect_host_by_content_ignores_case(text: str, expected: str) -> None:
    assert detect_host("notes/page.txt", text, HOSTS).name == expected


@pytest.mark.parametrize(
    ("pattern", "flags", "literal"),
    [
        (r"search refworld", 0, "search refworld"),
        (r"ecoi\.net", 0, "ecoi.net"),
        (r"cite as\b.{0,40}refworld", 0, "cite as"),
        (r"country report on terrorism \d{4}", 0, "country report on terrorism "),
        (r"pages? \d+", 0, "page"),  # the "s" may be missing
        (r"^\s*page \d+", re.MULTILINE, ""),
        (r"refworld\s*\|", 0, ""),  # a "|": not told apart from an alternative
        (r"Search", re.IGNORECASE, ""),
    ],
)
def test_a_markers_leading_literal_is_what_every_match_opens_with(
    pattern: str, flags: int, literal: str
) -> None:
    assert leading_literal(re.compile(pattern, flags)) == literal


def test_a_short_page_is_read_once_without_a_seam() -> None:
    # Its end followed by its start would spell a refworld marker: the page holds none.
    text = "Refworld notes nothing here.\nMali\nOverview: a chapter. Search "
    assert detect_host("notes/page.txt", text, HOSTS).name == GENERIC.name
    assert detect_host("notes/page.txt", text + "Refworld", HOSTS).name == "refworld"


def test_a_long_page_is_searched_at_its_two_ends_only() -> None:
    filler = "The government made progress in its efforts.\n" * 1000
    marked = "Search Refworld\n"
    assert detect_host("p.txt", marked + filler, HOSTS).name == "refworld"
    assert detect_host("p.txt", filler + marked, HOSTS).name == "refworld"
    middle = filler[: len(filler) // 2] + marked + filler[len(filler) // 2 :]
    assert detect_host("p.txt", middle, HOSTS).name == GENERIC.name


def test_a_long_pages_two_ends_are_read_apart_without_a_seam() -> None:
    # The page's first 20,000 characters end with "Search" and its last 20,000 open with
    # "Refworld": read joined, the start's last words then the end's first would spell a
    # refworld marker that the page does not hold.
    line = "The government made progress in its efforts.\n"
    start = (line * 500)[: 20000 - len("Search ")] + "Search "
    end = "Refworld" + (line * 500)[: 20000 - len("Refworld")]
    text = start + line * 10 + end
    assert detect_host("notes/page.txt", text, HOSTS).name == GENERIC.name
    assert detect_host("notes/page.txt", start + end, HOSTS).name == "refworld"  # read whole


def test_a_long_pages_end_is_read_with_what_stands_before_it() -> None:
    # A flip-book page line ("page 3 of 9" alone on its line) starts 20,000 characters before
    # the page's end: a line start there only when the character before it is a newline.
    filler = "The government made progress in its efforts.\n" * 1000
    tail = "Page 3 of 9\n" + "x" * (20000 - len("Page 3 of 9\n"))
    assert detect_host("p.txt", filler + "\n" + tail, HOSTS).name == "pdf-flipbook"
    assert detect_host("p.txt", filler + "See " + tail, HOSTS).name == GENERIC.name
