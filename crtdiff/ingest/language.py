"""How much of a text reads as English or French: counts of their commonest small words."""

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from crtdiff.text.tokens import cut_at_spaces

_ENGLISH = frozenset(["the", "of", "and", "to", "in", "was", "were", "with", "for"])
_FRENCH = frozenset(
    ["le", "la", "les", "des", "du", "et", "est", "une", "dans", "pour", "sur", "au", "aux"]
)
_LETTERS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class WordCounts:
    """English and French small words, and words (whitespace-separated runs) in all."""

    english: int
    french: int
    words: int


def word_counts(text: str) -> WordCounts:
    """The counts of one text."""
    # Counted over one word list: a case-insensitive regex per language costs ten times more.
    words = Counter(_LETTERS.findall(text.lower()))
    return WordCounts(
        sum(words[w] for w in _ENGLISH), sum(words[w] for w in _FRENCH), len(text.split())
    )


_sentence_counts = lru_cache(maxsize=8192)(word_counts)
"""Counts of one sentence (or what stands between two), kept per process: most sentences
carry over from year to year."""


def sample_counts(text: str, spans: Sequence[tuple[int, int]], limit: int) -> WordCounts:
    """The counts of `text[:limit]`, exactly as `word_counts` gives them, read sentence by
    sentence (`spans`, in order, apart and with whitespace at each edge, so that no word
    crosses one; otherwise the sample is read at once)."""
    sample = text[:limit]
    if not cut_at_spaces(text, spans):
        return word_counts(sample)
    size = len(sample)
    english = french = words = 0
    at = 0
    for start, end in [*spans, (size, size)]:
        if end > size:
            start = end = size
        gap = sample[at:start]
        pieces = [_sentence_counts(sample[start:end])]
        if gap and not gap.isspace():  # a label or a bullet glyph between sentences
            pieces.append(_sentence_counts(gap))
        for counts in pieces:
            english += counts.english
            french += counts.french
            words += counts.words
        if end == size:
            break
        at = end
    return WordCounts(english, french, words)
