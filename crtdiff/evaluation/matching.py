"""Pairing extracted facts with gold facts, and comparing their fields."""

from collections.abc import Callable, Sequence
from typing import Any

from crtdiff.evaluation.counts import Counts
from crtdiff.evaluation.gold import fold_space
from crtdiff.text.places import same_place

Fact = dict[str, Any]
Pairs = list[tuple[Fact, Fact]]


def starts(item: Fact, gold: Fact) -> bool:
    """The extracted fact's evidence sentence begins as the gold fact's does."""
    sentence = fold_space(str(item["evidence"]["sentence"]))
    return sentence.startswith(fold_space(str(gold["evidence_starts"])))


def match(
    predicted: Sequence[Fact], gold: Sequence[Fact], same: Callable[[Fact, Fact], bool]
) -> tuple[Pairs, Counts]:
    """Greedy one-to-one matching in gold order."""
    free = list(predicted)
    pairs = []
    for g in gold:
        hit = next((p for p in free if same(p, g)), None)
        if hit is not None:
            free.remove(hit)
            pairs.append((hit, g))
    return pairs, Counts(len(pairs), len(free), len(gold) - len(pairs))


def incident_same(p: Fact, g: Fact) -> bool:
    """An extracted incident and a gold incident are the same event."""
    return bool(p["date"] == g["date"] and (same_place(p["place"], g["place"]) or starts(p, g)))


def value_counts(predicted: object, gold: object, agree: bool) -> Counts:
    """One labelled value: right (tp); a value where gold has another or none (fp); a gold value
    missed or wrong (fn). Both empty counts nothing: "not given" rightly left null."""
    if predicted is None and gold is None:
        return Counts()
    if agree:
        return Counts(tp=1)
    return Counts(fp=int(predicted is not None), fn=int(gold is not None))


def set_counts(predicted: object, gold: object) -> Counts:
    """Two collections compared as sets."""
    p = set(predicted) if isinstance(predicted, list | tuple | set) else set()
    g = set(gold) if isinstance(gold, list | tuple | set) else set()
    return Counts(len(p & g), len(p - g), len(g - p))
