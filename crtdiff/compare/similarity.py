"""The four text-similarity measures of Cohen, Malloy and Nguyen, "Lazy Prices" (2020)."""

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from operator import mul

from rapidfuzz.distance import Indel, Levenshtein


@dataclass(frozen=True)
class WordBag:
    """A text's words, counted once for cosine and Jaccard (a section is measured against the
    year before and the year after)."""

    words: Sequence[str]
    counts: Counter[str]
    norm: float
    """Euclidean norm of the term-frequency vector."""

    @classmethod
    def of(cls, words: Sequence[str]) -> "WordBag":
        """The bag of `words`."""
        counts = Counter(words)
        return cls(words, counts, math.sqrt(sum(v * v for v in counts.values())))


def bag_cosine(a: WordBag, b: WordBag) -> float:
    """Cosine similarity of two bags' term-frequency vectors."""
    if not a.words and not b.words:
        return 1.0
    common = a.counts.keys() & b.counts.keys()
    # Whole counts: their sum is exact in any order, so it is taken in C, not word by word.
    dot = sum(map(mul, map(a.counts.__getitem__, common), map(b.counts.__getitem__, common)))
    norm = a.norm * b.norm
    return dot / norm if norm else 0.0


def bag_jaccard(a: WordBag, b: WordBag) -> float:
    """Distinct words in both bags over distinct words in either."""
    common = len(a.counts.keys() & b.counts.keys())
    union = len(a.counts) + len(b.counts) - common
    return common / union if union else 1.0


def cosine(a: list[str], b: list[str]) -> float:
    """Cosine similarity of term-frequency vectors."""
    return bag_cosine(WordBag.of(a), WordBag.of(b))


def jaccard(a: Sequence[str], b: Sequence[str]) -> float:
    """Size of the intersection of the word sets over the size of their union."""
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 1.0


def edit(a: Sequence[str], b: Sequence[str]) -> float:
    """One minus the word-level Levenshtein distance over the longer length."""
    longest = max(len(a), len(b))
    return 1.0 - Levenshtein.distance(a, b) / longest if longest else 1.0


def simple(a: Sequence[str], b: Sequence[str]) -> float:
    """One minus the words a redline inserts or deletes over the words of both texts."""
    total = len(a) + len(b)
    return 1.0 - Indel.distance(a, b) / total if total else 1.0


def clamp(value: float) -> float:
    """Round to 4 decimals inside [0, 1] (floating-point noise never leaves the range)."""
    return round(min(1.0, max(0.0, value)), 4)
