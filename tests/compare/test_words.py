"""Words and normal forms are cached by text: a caller can never change what the next gets; a
section's words come from its sentences' exactly when they are the same."""

from hypothesis import given, settings
from hypothesis import strategies as st

from crtdiff.compare.words import (
    comparable_words,
    content_words,
    joined_words,
    normalized_sentence,
    word_tuple,
)


def test_a_callers_list_is_its_own() -> None:
    text = "On May 3, al-Qa’ida’s fighters attacked Gao."
    first = comparable_words(text)
    first.append("extra")
    assert comparable_words(text) == [
        "on",
        "may",
        "3",
        "al",
        "qa'ida's",
        "fighters",
        "attacked",
        "gao",
    ]
    assert content_words(text) == ["on", "al", "qa'ida's", "fighters", "attacked", "gao"]


def test_normal_form_folds_quotes_and_spacing() -> None:
    assert normalized_sentence("The  “law”\u2019s\n text.") == 'The "law"\'s text.'


# Letters, apostrophes (straight and curly, which join words), quotes, a capital sigma (lower-
# cased by what follows it), a dotted capital I (two characters lower-cased), digits,
# punctuation and several kinds of whitespace.
_CHARS = "abΣσİ1'’`“ .,-\n\t\u00a0\u2009"
_PIECE = st.text(alphabet=_CHARS, max_size=8)
_GAP = st.text(alphabet=" \n\t\u00a0\u2009", max_size=2) | st.sampled_from(["", ".", "a", "'"])


@st.composite
def _section(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A text cut into pieces with gaps (mostly whitespace), and pieces said to be its
    sentences: mostly the true ones, sometimes one changed, dropped or added."""
    pieces = draw(st.lists(_PIECE, max_size=6))
    gaps = draw(st.lists(_GAP, min_size=len(pieces) + 1, max_size=len(pieces) + 1))
    text = gaps[0] + "".join(p + g for p, g in zip(pieces, gaps[1:], strict=True))
    said = list(pieces)
    change = draw(st.sampled_from(["none", "none", "change", "drop", "add"]))
    if change == "add":
        said.insert(draw(st.integers(0, len(said))), draw(_PIECE))
    elif change == "change" and said:
        said[draw(st.integers(0, len(said) - 1))] = draw(_PIECE)
    elif change == "drop" and said:
        del said[draw(st.integers(0, len(said) - 1))]
    return text, said


@settings(max_examples=1000, deadline=None)
@given(_section())
def test_a_sections_words_are_those_of_its_text(section: tuple[str, list[str]]) -> None:
    text, sentences = section
    assert joined_words(text, sentences) == word_tuple.__wrapped__(text)


def test_a_section_of_known_sentences_is_not_read_again() -> None:
    sentences = ["ΟΔΟΣ’s men left Gao.", "They came back in 2019, with ISIS."]
    text = "  " + "\n\n".join(sentences) + "\n"
    for sentence in sentences:
        word_tuple(sentence)
    read = word_tuple.cache_info().misses
    words = joined_words(text, sentences)
    assert word_tuple.cache_info().misses == read  # every word came from a sentence
    assert words == word_tuple.__wrapped__(text)
    assert words[:3] == ("οδοσ's", "men", "left")
