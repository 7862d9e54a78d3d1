"""What a reader sees: names and words, never internal ids or enum values; `not given`, never 0."""

import re
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from crtdiff.compare.wording import (
    ATTRIBUTION_WORDS,
    KIND_WORDS,
    TARGET_WORDS,
    kind_label,
    place_label,
    plural,
    target_label,
)
from crtdiff.reports.charts import YearPoint, incidents_chart
from crtdiff.reports.markdown import render_pair_markdown
from crtdiff.schemas import Attribution, IncidentKind, Target
from crtdiff.schemas.diff import YearDiff


def visible_text(path: Path) -> str:
    tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
    for node in tree.css("script, style"):
        node.decompose()
    body = tree.body
    assert body is not None
    return body.text(separator=" ")


def ids_shown(text: str, diff: YearDiff) -> list[str]:
    """Group ids that differ from every written form and still appear as words in `text`."""
    refs = diff.groups.by_id()
    return [
        group_id
        for group_id, ref in refs.items()
        if group_id not in (ref.name, ref.acronym)
        and re.search(rf"(?<![\w-]){re.escape(group_id)}(?![\w-])", text)
    ]


ENUM_VALUES = re.compile(r"\b(?:suicide or vbied|suicide_or_vbied|armed_assault|un_peacekeepers)\b")


def test_markdown_shows_names_words_and_not_given(mali_diffs: list[YearDiff]) -> None:
    diff = mali_diffs[1]
    text = render_pair_markdown(diff)
    assert ids_shown(text, diff) == []
    assert not ENUM_VALUES.search(text)
    assert "| suicide attack or VBIED | al-Murabitoun (AMB) | claimed |" in text
    assert "Perpetrators newly active: Jama'at Nusrat al-Islam wal-Muslimin (JNIM)." in text
    # No 2016 incident gives a wounded figure: "not given", not 0 and not a +100 change.
    assert "| wounded | not given | 100 (1 of 5 incidents) | n/a |" in text
    assert "| wounded | 0 |" not in text and "+100" not in text


@pytest.mark.parametrize("page", ["mali/2016-2017.html", "mali/index.html", "index.html"])
def test_pages_show_names_and_words(site_dir: Path, page: str, mali_diffs: list[YearDiff]) -> None:
    text = visible_text(site_dir / page)
    assert ids_shown(text, mali_diffs[1]) == []
    assert not ENUM_VALUES.search(text)
    assert "(s)" not in text


def test_pair_page_toll_table_says_not_given(site_dir: Path) -> None:
    tree = LexborHTMLParser((site_dir / "mali" / "2016-2017.html").read_text(encoding="utf-8"))
    rows = {
        cells[0]: cells[1:]
        for row in tree.css("table.tolls tbody tr")
        if (cells := [c.text(strip=True) for c in row.css("td")])
    }
    assert rows["wounded"] == ["not given", "100 (1 of 5 incidents)", "n/a"]
    assert rows["killed"][2] == "+56"


def test_chart_says_not_given_for_a_year_without_figures() -> None:
    svg = str(incidents_chart([YearPoint(2015, 3, None, False), YearPoint(2016, 7, 27, False)]))
    assert "not given" in svg and "3 incidents, killed not given" in svg
    assert "27†" in svg
    assert ">0†<" not in svg


@pytest.mark.parametrize(
    ("values", "words"),
    [(IncidentKind, KIND_WORDS), (Target, TARGET_WORDS), (Attribution, ATTRIBUTION_WORDS)],
)
def test_every_enum_value_a_reader_sees_has_its_words(
    values: type[StrEnum], words: Mapping[StrEnum, str]
) -> None:
    assert set(words) == set(values)
    assert all("_" not in w for w in words.values())
    assert kind_label(IncidentKind.SUICIDE_OR_VBIED) == "suicide attack or VBIED"
    assert target_label(Target.UN_PEACEKEEPERS) == "UN peacekeepers"


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (1, "incident", "1 incident"),
        (0, "incident", "0 incidents"),
        (2, "new legal measure", "2 new legal measures"),
        (3, "person", "3 people"),
        (2, "ingest warning", "2 ingest warnings"),
        (2, "cosmetic edit", "2 cosmetic edits"),
        (2, "illustrative chapter", "2 illustrative chapters"),
        (2, "country", "2 countries"),
        (2, "attack", "2 attacks"),
    ],
)
def test_plural(count: int, noun: str, expected: str) -> None:
    assert plural(count, noun) == expected


@pytest.mark.parametrize(
    ("place", "country", "expected"),
    [
        ("Gao", "Mali", "Gao"),
        ("Abalak", "Niger", "Abalak (Niger)"),
        (None, "Niger", "Niger"),
        (None, "Mali", "–"),
        (None, None, "–"),
    ],
)
def test_place_of_an_incident(place: str | None, country: str | None, expected: str) -> None:
    assert place_label(place, country, "Mali") == expected
