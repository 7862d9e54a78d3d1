import re
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crtdiff.text.sentences import (
    _SENTENCE_STARTERS,
    ABBREVIATIONS,
    _is_abbreviation,
    sentence_spans,
)


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. Department of State trained police. The program continued.",
        "Under Resolution No. 2178 Mali acted. The program continued.",
        "Gen. Smith met officials in Bamako. The program continued.",
        "Abu Bakr A. Shekau led the group. The program continued.",
        "The U.N. Security Council met. The program continued.",
    ],
)
def test_abbreviations_do_not_end_sentences(text: str) -> None:
    assert len(split(text)) == 2


def test_us_then_sentence_starter_does_split() -> None:
    assert split("Mali cooperated with the U.S. The government also acted.") == [
        "Mali cooperated with the U.S.",
        "The government also acted.",
    ]


def test_quotes_and_offsets() -> None:
    text = "  It was called “Program A.” Then it ended!  Why? Nobody knows  "
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "It was called “Program A.”",
        "Then it ended!",
        "Why?",
        "Nobody knows",
    ]


def test_decimal_numbers_and_lowercase_continuations() -> None:
    assert len(split("It cost 1.5 million francs. Then it ended.")) == 2
    assert len(split("Officials met in Bamako. and then left.")) == 1
    assert len(split("Losses were 2.5 percent of GDP in 2016.")) == 1


def _token_is_abbreviation(text: str, period_at: int) -> bool:
    """The token before a period read in full (as `_is_abbreviation` did before its shortcut)."""
    start = max(text.rfind(" ", 0, period_at), text.rfind("\n", 0, period_at)) + 1
    token = text[start:period_at].lstrip("(\"'“‘[").rstrip(".").lower()
    if not token:
        return False
    return (len(token) == 1 and token.isalpha()) or token in ABBREVIATIONS


@pytest.mark.parametrize(
    "text",
    [
        "Officials (approx. 40) met the Dept. of State on Jan. 5 in the U.A.E. capital.",
        "He met Sen.Smith and Gov. Jones; about approx.\nTwelve arrived.",
        "The plan, i.e. the strategy, was signed by Pres. Buhari’s aides (“Sept.” draft).",
        "A. B. Shekau, al. and [Art. 12] of the code; see para. 4 and vol. 2 (pp. 10-12).",
        "Boko Haram attacked Maiduguri. ISIS-WA claimed it. Nothing followed...Then more.",
        "x.y.z.approx. word.word. ‘approx. “Dept. (Dept. [Dept. APPROX. İstanbul. Ünited.",
    ],
)
def test_the_token_before_each_period_is_read_as_before(text: str) -> None:
    for at in (i for i, char in enumerate(text) if char == "."):
        assert _is_abbreviation(text, at) == _token_is_abbreviation(text, at), text[:at]


_OLD_CANDIDATE = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9•])")
_NEXT = re.compile(r"\s+[\"'“‘(\[]?(\w+)")
_WORDS = [
    *[
        "The",
        "U.S.",
        "Gen.",
        "Dept.",
        "approx.",
        "A.",
        "i.e.",
        "e.g.",
        "Nos.",
        "St.",
        "al.",
        "Jan.",
        "co.",
        "Sr.",
        "Jr.",
        "no.",
    ],
    *[
        "Boko",
        "Haram",
        "attacked",
        "Maiduguri",
        "Government",
        "soldiers",
        "12",
        "2.5",
        "However",
        "They",
    ],
    *("(Dept.", '"approx.', "“Gen.", "[Art.", "‘Sept.", "'approx.", "x.approx."),
]
_GAPS = [" ", "  ", "\n", ". ", "! ", "? ", '." ', ".) ", ".’ ", " (", ' "', " “", " [", " ‘", " '"]


def _joined(text: str, mark: re.Match[str]) -> bool:
    """A period after an abbreviation, before a word that opens no sentence: no sentence end."""
    if mark.group() != "." or not _token_is_abbreviation(text, mark.start()):
        return False
    nxt = _NEXT.match(text, mark.end())
    return nxt is None or nxt.group(1) not in _SENTENCE_STARTERS


def _spans_before(text: str) -> list[tuple[int, int]]:
    """Sentence spans as the splitter gave them when it read the token before every period."""
    ends = [m.end() for m in _OLD_CANDIDATE.finditer(text) if not _joined(text, m)]
    edges = [0, *ends, len(text)]
    stripped = [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in pairwise(edges)]
    return [(s, s + n) for s, e in stripped if (n := len(text[s:e].rstrip()))]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_GAPS)), max_size=40))
def test_periods_after_long_words_split_as_before(words: list[tuple[str, str]]) -> None:
    # The pattern tells a period after a long token itself, without `_is_abbreviation`.
    text = "".join(word + gap for word, gap in words)
    assert sentence_spans(text) == _spans_before(text)
