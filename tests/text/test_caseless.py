import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crtdiff.text.caseless import caseless, lower_plain

PATTERN = re.compile(r"\bIEDs?\b|kidnap|suicide|\bUN (?:camp|base)", re.IGNORECASE)


@pytest.mark.parametrize(
    "text",
    [
        "An IED exploded near the UN Camp.",
        "Gunmen KIDNAPPED two aid workers.",
        "no event here, only IEDx and bases",
        # Characters IGNORECASE matches to an ASCII letter besides its two cases:
        "a ſuicide bomber",  # long s
        "they kıdnapped him",  # dotless i
        "an İED",  # dotted capital I (its lower case is two characters)
        "UN camp near the \u212aidal road",  # Kelvin sign
    ],
)
def test_searching_lower_cased_text_finds_what_the_pattern_finds(text: str) -> None:
    fast = caseless(PATTERN)
    assert fast.lowered is not None
    assert fast.search(text, lower_plain(text)) == (PATTERN.search(text) is not None)


def test_texts_with_oddly_folding_characters_are_searched_as_they_are() -> None:
    assert lower_plain("a ſuicide bomber") is None
    assert lower_plain("A Suicide Bomber") == "a suicide bomber"


@pytest.mark.parametrize(
    "pattern",
    [
        re.compile(r"(?P<Verb>kidnap)", re.IGNORECASE),  # a group name with a capital
        re.compile(r"(?-i:UN) camp", re.IGNORECASE),  # a case-sensitive part
        re.compile(r"kidnap"),  # case-sensitive already
        re.compile(r"Ségou", re.IGNORECASE),  # a non-ASCII letter
    ],
)
def test_patterns_that_lower_casing_would_change_are_kept_as_they_are(
    pattern: re.Pattern[str],
) -> None:
    assert caseless(pattern).lowered is None


def test_escapes_and_group_names_are_kept_as_written() -> None:
    pattern = re.compile(r"(?P<num>\d+)\S*|(?P<word>[A-Z]\.){2,}\B", re.IGNORECASE)
    fast = caseless(pattern)
    assert fast.lowered is not None
    assert fast.lowered.pattern == r"(?P<num>\d+)\S*|(?P<word>[a-z]\.){2,}\B"
    for text in ["U.S. forces", "12x killed", "u.s.a"]:
        assert fast.search(text, lower_plain(text)) == (pattern.search(text) is not None)


@given(st.text(alphabet="aIiSsKk ’é\u0130\u0131\u017f\u212a\u00ff", max_size=12))
def test_lower_plain_refuses_exactly_the_texts_with_an_oddly_folding_character(text: str) -> None:
    odd = re.search("[\u0130\u0131\u017f\u212a]", text) is not None
    assert lower_plain(text) == (None if odd else text.lower())
