"""A block's inline heading label: the words before its first colon."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crtdiff.ingest.blocks import Block, BlockKind
from crtdiff.ingest.labels import _INLINE, find_label


@pytest.mark.parametrize(
    ("text", "label", "rest"),
    [
        ("Overview: Mali remained a partner.", "Overview", "Mali remained a partner."),
        ("Legislation and Law Enforcement:", "Legislation and Law Enforcement", ""),
        ("Border Security :\nThe government ...", "Border Security", "The government ..."),
    ],
)
def test_a_label_before_a_colon_is_found(text: str, label: str, rest: str) -> None:
    found = find_label(Block(BlockKind.PARAGRAPH, text))
    assert found is not None
    assert (found.label, found.rest) == (label, rest)


def test_a_paragraph_without_a_colon_has_no_inline_label() -> None:
    text = "Mali remained a partner in the fight against terrorism."
    assert find_label(Block(BlockKind.PARAGRAPH, text)) is None


@given(st.text(alphabet="Ab :.\n\t?", max_size=30))
def test_only_a_text_with_a_colon_can_open_with_an_inline_label(text: str) -> None:
    # find_label tries the pattern only on a text with a colon: no other text can match it.
    if ":" not in text:
        assert _INLINE.match(text) is None
