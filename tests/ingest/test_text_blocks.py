import re

import pytest

from crtdiff.ingest.blocks import BlockKind
from crtdiff.ingest.text_blocks import ends_clause, text_to_blocks


def kinds_and_texts(text: str) -> list[tuple[str, str]]:
    return [(b.kind.value, b.text) for b in text_to_blocks(text)]


def test_paragraphs_and_bullet_glyphs() -> None:
    text = "Lead in:\n\n  • First bullet.\n  - Second bullet.\n* Third bullet.\n\nAfter."
    assert kinds_and_texts(text) == [
        ("paragraph", "Lead in:"),
        ("bullet", "First bullet."),
        ("bullet", "Second bullet."),
        ("bullet", "Third bullet."),
        ("paragraph", "After."),
    ]


def test_two_bullets_run_together_on_one_line() -> None:
    blocks = text_to_blocks("• On May 1, one attack. • On May 2, another attack.")
    assert [b.text for b in blocks] == ["On May 1, one attack.", "On May 2, another attack."]
    assert all(b.kind is BlockKind.BULLET for b in blocks)


def test_one_paragraph_per_line_is_kept_apart() -> None:
    text = "Overview: Mali remained a partner.\nThe French military continued its mission."
    assert len(text_to_blocks(text)) == 2


def test_wrapped_pdf_text_is_rejoined_and_dehyphenated() -> None:
    text = (
        "Legislation, Law Enforcement, and Border Security: Chad’s counterterrorism law\n"
        "remained in force during the year, and the security forces continued to make\n"
        "arrests of suspected members of Boko Haram, but the judicial system lacked secu-\n"
        "rity for judges and the capacity to try many of the suspects it held in custody\n"
        "for long periods of time without trial, which human rights groups criticized.\n"
        "Countering the Financing of Terrorism: Chad is a member of GABAC.\n"
    )
    blocks = text_to_blocks(text)
    assert len(blocks) == 2
    assert "lacked security for judges" in blocks[0].text
    assert blocks[1].text == "Countering the Financing of Terrorism: Chad is a member of GABAC."


def test_stray_markup_breaks_become_line_breaks() -> None:
    assert kinds_and_texts("First paragraph.<br />Second paragraph.") == [
        ("paragraph", "First paragraph."),
        ("paragraph", "Second paragraph."),
    ]


_CLAUSE_END = re.compile(r"[.!?:;\"”’)]\s*$")
"""How a line's end was found before `ends_clause` read it from the end."""


@pytest.mark.parametrize(
    "line",
    [
        "The attack killed 12 people.",
        "The attack killed 12 people. ",
        "The attack killed 12 people.\n",
        "The attack killed 12 people.\u00a0\u2003",  # Unicode spaces after the stop
        "He said “enough.”",
        "a list:",
        "(see above)",
        "Overview",
        "the country's",
        "ends with a dash -",
        ".",
        "",
        "   ",
        "\n",
        "stop.\nand more",
        "stop.\n\n",
        "stop!\x0b",
        "quote’",
        "semicolon;\t",
    ],
)
def test_a_line_ends_a_clause_exactly_where_the_pattern_found_it(line: str) -> None:
    assert ends_clause(line) == bool(_CLAUSE_END.search(line))
