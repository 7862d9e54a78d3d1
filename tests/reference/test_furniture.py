"""Every furniture row is valid, names a known host, and is used: it matches a line of a page
the tests know (tests/fixtures/pages, the chapters, the gold chapters, the seed)."""

import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from crtdiff.errors import ConfigError
from crtdiff.ingest.hosts import HOSTS
from crtdiff.reference import furniture as furniture_module
from crtdiff.reference.furniture import (
    Furniture,
    FurnitureLine,
    line_pattern,
    load_furniture,
    required_words,
)
from crtdiff.text.normalize import normalize_text
from tests.conftest import FIXTURES, SEED

PAGES = [
    *sorted((FIXTURES / "pages").iterdir()),
    *sorted((FIXTURES / "chapters").iterdir()),
    *sorted((FIXTURES / "gold" / "chapters").glob("*.[th][xt]*")),
    SEED,
]


def page_lines(path: Path) -> set[str]:
    """Every line a page shows: text lines, and the text of each HTML element."""
    text = normalize_text(path.read_text(encoding="utf-8"))
    texts = [text]
    if path.suffix == ".html":
        tree = LexborHTMLParser(text)
        for node in tree.css("script, style"):
            node.decompose()
        texts = [node.text(separator="\n") for node in tree.css("title, body *")]
    return {" ".join(line.split()) for t in texts for line in t.splitlines() if line.strip()}


LINES = set().union(*(page_lines(p) for p in PAGES))


@pytest.mark.parametrize("row", load_furniture().lines, ids=lambda r: f"line{r.row}-{r.host}")
def test_each_row_is_used(row: FurnitureLine) -> None:
    assert [line for line in LINES if row.pattern.match(line)], (
        f"furniture.csv line {row.row} ({row.text!r}) matches no line of the test pages"
    )


def test_each_row_names_a_known_host() -> None:
    known = {h.name for h in HOSTS} | {"any"}
    assert {row.host for row in load_furniture().lines} <= known


def test_rows_ignore_case_spacing_and_apostrophes() -> None:
    furniture = load_furniture()
    assert furniture.anywhere.match("Here’s   how you KNOW")
    assert furniture.anywhere.match("Disclaimer:")
    assert furniture.anywhere.match("Page 12 of 345")
    assert not furniture.anywhere.match("Disclaimer: the views of the government of Mali.")
    assert [r.text for r in furniture.matching("Email Updates")] == ["Email Updates"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("host,place,text\nany,leading,x\n", "columns must be"),
        ("host,place,match,text,note\nany,middle,exact,Home,\n", "place must be one of"),
        ("host,place,match,text,note\nany,leading,glob,Home*,\n", "match must be one of"),
        ("host,place,match,text,note\nany,leading,regex,Home(,\n", "not a valid regular"),
        ("host,place,match,text,note\nany,leading,regex,.*,\n", "matches an empty line"),
        ("host,place,match,text,note\nState Gov,leading,exact,Home,\n", "must be a host name"),
        ("host,place,match,text,note\nany,leading,exact,Home,\nx,leading,exact,HOME,\n", "repeats"),
    ],
)
def test_bad_tables_are_config_errors(content: str, problem: str, tmp_path: Path) -> None:
    path = tmp_path / "furniture.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=problem):
        load_furniture(path)


def _as_one_pattern(furniture: Furniture, place: str) -> re.Pattern[str]:
    """The place's rows joined by `|` into one whole-line pattern (how they were matched)."""
    parts = [f"(?:{line_pattern(f.match, f.text)})" for f in furniture.lines if f.place == place]
    return re.compile(rf"^(?:{'|'.join(parts) or '(?!)'})$", re.IGNORECASE | re.DOTALL)


_CITATIONS = [
    "Country Reports on Terrorism 2016 - Mali, 19 July 2017, available at: "
    "http://www.refworld.org/docid/5981e43e13.html [accessed 1 May 2018]",
    "Mali, AVAILABLE AT https://refworld.org/x",
    "Mali, avaılable at: http://www.refworld.org/docid/x",  # a dotless ı: folds to i
    "Mali, available at: http://www.refworld.org/",  # no document: not the citation
    "The report is available at the embassy; see refworld.org/docid/x.",
    "Mali, available\nat: http://www.refworld.org/docid/x",
    # Prose citing a refworld document: words after the address, or the sentence's full stop.
    "Its statement, available at http://www.refworld.org/docid/4a3f.html, claimed the attack.",
    "The list of banned groups is available at: https://www.refworld.org/docid/55.html.",
]


@pytest.mark.parametrize("place", ["leading", "anywhere", "trailing"])
def test_each_place_matches_the_lines_its_rows_joined_into_one_pattern_match(place: str) -> None:
    furniture = load_furniture()
    assert [required_words(r) for r in furniture.lines if required_words(r)] == ["available at"]
    one = _as_one_pattern(furniture, place)
    lines = sorted(LINES) + _CITATIONS + [c.upper() for c in _CITATIONS]
    matched = [line for line in lines if getattr(furniture, place).match(line)]
    assert matched == [line for line in lines if one.match(line)]
    if place == "anywhere":
        assert set(_CITATIONS[:3]) <= set(matched)
        assert not set(_CITATIONS[3:]) & set(matched)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (r".*\bavailable at:?\s*https?://", "available at"),
        (r".*Reports?\s", "report"),
        (r".*abc", None),  # too short to be worth a look
        (r".*foo bar|baz", None),  # "baz" alone matches: no word every line holds
        (r".*?foo bar", None),
        (r"Cite as:?(?:\s.*)?", None),
    ],
)
def test_the_words_a_row_opening_with_any_text_requires(text: str, words: str | None) -> None:
    row = FurnitureLine("any", "anywhere", "regex", text, re.compile(text), 1)
    assert required_words(row) == words


def test_a_matcher_keeps_its_own_answers() -> None:
    """Each place's matcher answers a line asked again as it did the first time, and as its
    own rows say: a line that opens chapters as furniture is kept where it is not."""
    furniture = load_furniture()
    line = "Bureau of Counterterrorism"
    for _ in range(2):
        assert furniture.leading.match(line)
        assert not furniture.anywhere.match(line)
        assert not furniture.trailing.match(line)
    assert furniture.anywhere.match("You are viewing ARCHIVED CONTENT released online")


def test_the_answers_kept_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long run of lines never seen again keeps no more than CHARS_KEPT characters of them
    (a worker parses thousands of chapters), and answers right after dropping them."""
    monkeypatch.setattr(furniture_module, "CHARS_KEPT", 100)
    matcher = load_furniture().anywhere
    for n in range(50):
        assert not matcher.match(f"Line {n} of a chapter, never furniture.")
        assert matcher._answers.chars <= 100
    assert matcher.match("You are viewing ARCHIVED CONTENT released online")
