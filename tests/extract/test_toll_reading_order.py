"""The toll reader tries its readings only at the tokens that can start one (`_starts`): it
reads exactly what trying every token in turn reads, as it did before."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crtdiff.extract.toll_phrases import Figure
from crtdiff.extract.tolls import _Reader

_WORDS = [
    "killed",
    "killing",
    "kill",
    "shot",
    "dead",
    "gunned",
    "down",
    "hacked",
    "to",
    "death",
    "wounded",
    "injured",
    "hurt",
    "stabbed",
    "burning",
    "kidnapped",
    "abducted",
    "took",
    "taking",
    "hostage",
    "hostages",
    "captive",
    "taken",
    "lost",
    "their",
    "lives",
    "his",
    "her",
    "body",
    "bodies",
    "of",
    "was",
    "were",
    "found",
    "discovered",
    "recovered",
    "the",
    "death",
    "toll",
    "rose",
    "at",
    "least",
    "more",
    "than",
    "about",
    "some",
    "several",
    "many",
    "dozens",
    "two",
    "12",
    "1,200",
    "a",
    "an",
    "one",
    "twenty-one",
    "Nineteen",
    "soldiers",
    "civilians",
    "people",
    "police",
    "officer",
    "wife",
    "driver",
    "Kirk",
    "Woodman",
    "U.S.",
    "Malian",
    "attackers",
    "himself",
    "and",
    "or",
    "including",
    "as",
    "well",
    "in",
    "on",
    "January",
    "2012",
    "according",
    "media",
    "reported",
    "said",
    "army",
    "also",
    "later",
    "while",
    "but",
    "killings",
    "murder",
    "abduction",
    "execution",
]
_FILLER = [
    "the",
    "government",
    "made",
    "progress",
    "with",
    "its",
    "partners",
    "on",
    "border",
    "security",
]
_TOKENS = st.one_of(
    st.sampled_from([*_WORDS, ",", ".", ";", "(", ")"]),
    st.sampled_from(_FILLER),  # as often: readings far apart, beyond a verb's reach
)


def _every_token(reader: _Reader) -> list[Figure]:
    """The reading loop as it was: every token in turn, its readings tried in order."""
    i = 0
    while i < len(reader.toks):
        for step in reader._steps(i):
            after = step(i)
            if after is not None and after > i:
                i = after
                break
        else:
            i += 1
    return reader.figures


@settings(max_examples=400, deadline=None)
@given(st.lists(_TOKENS, min_size=1, max_size=80).map(" ".join))
def test_reading_at_the_starts_only_reads_what_every_token_reads(text: str) -> None:
    reader = _Reader(text)
    assert reader._starts() == [i for i in range(len(reader.toks)) if reader._steps(i)]
    assert reader.read() == _every_token(_Reader(text))


@pytest.mark.parametrize(
    "text",
    [
        "Media reported that gunmen killed two soldiers, and the death toll rose to 30; "
        "his body was found near Gao, where a driver was wounded.",
        # A figure after a source, no casualty word within reach after it.
        "The army said, Kirk Woodman and " + " ".join(_FILLER * 3),
        "The abduction of an engineer " + " ".join(_FILLER * 3),
    ],
)
def test_the_starts_are_the_tokens_a_reading_can_start_at(text: str) -> None:
    reader = _Reader(text)
    assert reader._starts() == [i for i in range(len(reader.toks)) if reader._steps(i)]


def test_a_token_outside_the_text_is_empty() -> None:
    reader = _Reader("Gunmen killed two soldiers.")
    assert [reader._low(i) for i in range(-2, len(reader.toks) + 2)] == [
        "",
        "",
        *(t.low for t in reader.toks),
        "",
        "",
    ]
