"""How much of a text reads as English or French: counts of their commonest small words."""

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from crtdiff.text.pieces import pieces

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
    """The counts of `text[:limit]`, exactly as `word_counts` gives them, read piece by piece
    (text/pieces.py: each sentence, `spans`, and each stretch between them, through a
    per-process cache); the sample at once when the spans could cut a word."""
    sample = text[:limit]
    found = pieces(sample, [(s, e) for s, e in spans if e <= len(sample)])
    if found is None:
        return word_counts(sample)
    counted = [_sentence_counts(sample[start:end]) for start, end in found]
    return WordCounts(
        sum(c.english for c in counted),
        sum(c.french for c in counted),
        sum(c.words for c in counted),
    )
