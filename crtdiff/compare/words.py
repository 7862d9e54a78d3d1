"""Words for comparison: lower-cased, quotes folded, punctuation dropped."""

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain

from crtdiff.text.normalize import fold_quotes

_WORD = re.compile(r"\w+(?:'\w+)*")
_MONTH_OR_NUMBER = re.compile(
    r"^(?:\d+(?:st|nd|rd|th)?|january|february|march|april|may|june|july|august|september|"
    r"october|november|december)$"
)
# Every chapter is compared twice (with the year before and the year after) and most sentences
# carry over for years: a comparison meets the same texts again and again, so their words and
# normal forms are worked out once. The caches hold a few countries' worth of text.
_CACHED_TEXTS = 1 << 14


@lru_cache(maxsize=_CACHED_TEXTS)
def word_tuple(text: str) -> tuple[str, ...]:
    """The words of a text as comparison sees them, as a tuple (cached: never mutate)."""
    return tuple(_WORD.findall(fold_quotes(text).lower()))


def joined_words(text: str, parts: Sequence[str]) -> tuple[str, ...]:
    """word_tuple(text), from the words of `parts` when `text` is those parts in order with
    whitespace between them (a section and its sentences: most sentences carry over from the
    year before, so their words are known); from the text itself otherwise."""
    # No word crosses whitespace, and neither folding quotes nor lower-casing (its final
    # sigma included) looks past it: the words of the whole are the words of its pieces.
    end = 0
    for n, part in enumerate(parts):
        at = text.find(part, end)
        if at < 0 or (at == end and n) or (at > end and not text[end:at].isspace()):
            return word_tuple(text)
        end = at + len(part)
    if end < len(text) and not text[end:].isspace():
        return word_tuple(text)
    return tuple(chain.from_iterable(map(word_tuple, parts)))


def comparable_words(text: str) -> list[str]:
    """The words of a text as comparison sees them."""
    return list(word_tuple(text))


@lru_cache(maxsize=_CACHED_TEXTS)
def normalized_sentence(text: str) -> str:
    """A sentence with quotes folded and spacing collapsed: equal means unchanged."""
    return " ".join(fold_quotes(text).split())


def content_words(text: str) -> list[str]:
    """Words without dates and numbers: equal means only punctuation, spacing or dates moved."""
    return [w for w in word_tuple(text) if not _is_date_word(w)]


@lru_cache(maxsize=_CACHED_TEXTS)
def _is_date_word(word: str) -> bool:
    # A chapter's vocabulary is small: a word looked up is several times cheaper than matched.
    return _MONTH_OR_NUMBER.match(word) is not None
