"""The four text-similarity measures of Cohen, Malloy and Nguyen, "Lazy Prices" (2020)."""

import math
from collections import Counter

from rapidfuzz.distance import Indel, Levenshtein


def cosine(a: list[str], b: list[str]) -> float:
    """Cosine similarity of term-frequency vectors."""
    if not a and not b:
        return 1.0
    ca, cb = Counter(a), Counter(b)
    dot = sum(ca[w] * cb[w] for w in ca.keys() & cb.keys())
    norm = math.sqrt(sum(v * v for v in ca.values())) * math.sqrt(sum(v * v for v in cb.values()))
    return dot / norm if norm else 0.0


def jaccard(a: list[str], b: list[str]) -> float:
    """Size of the intersection of the word sets over the size of their union."""
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 1.0


def edit(a: list[str], b: list[str]) -> float:
    """One minus the word-level Levenshtein distance over the longer length."""
    longest = max(len(a), len(b))
    return 1.0 - Levenshtein.distance(a, b) / longest if longest else 1.0


def simple(a: list[str], b: list[str]) -> float:
    """One minus the words a redline inserts or deletes over the words of both texts."""
    total = len(a) + len(b)
    return 1.0 - Indel.distance(a, b) / total if total else 1.0


def clamp(value: float) -> float:
    """Round to 4 decimals inside [0, 1] (floating-point noise never leaves the range)."""
    return round(min(1.0, max(0.0, value)), 4)
