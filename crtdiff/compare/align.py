"""Sentence alignment between two versions of a section: unchanged, modified, added, removed.

Exact matches first (in order, then out of order), then near matches by character similarity
with a word-overlap guard, so a lightly edited sentence pairs as modified and unrelated
sentences never pair.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist

from crtdiff.compare.similarity import jaccard
from crtdiff.compare.words import normalized_sentence, word_tuple

MODIFIED_MIN = 0.6
"""Least character similarity (0-1) for two sentences to pair as one modified sentence."""
OVERLAP_MIN = 0.3
"""Least share of common words, so that sentences of similar shape but different content never
pair."""
NEARLY_VERBATIM = 0.9
"""Similarity from which a modified sentence counts as recycled."""


@dataclass
class Alignment:
    """Index pairs into the old and new sentence lists."""

    unchanged: list[tuple[int, int]] = field(default_factory=list)
    modified: list[tuple[int, int, float]] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    added: list[int] = field(default_factory=list)


def similarity(a: str, b: str) -> float:
    """Character similarity of two sentences, 0-1, quotes and case folded."""
    return float(fuzz.ratio(normalized_sentence(a).lower(), normalized_sentence(b).lower())) / 100


def related(a: str, b: str, score: float, least: float = MODIFIED_MIN) -> bool:
    """Whether two sentences are versions of one another."""
    # The cached word tuples themselves (jaccard takes their sets): no list copied per call.
    return score >= least and jaccard(word_tuple(a), word_tuple(b)) >= OVERLAP_MIN


def _exact(a: Sequence[str], b: Sequence[str], alignment: Alignment) -> tuple[list[int], list[int]]:
    """Pair equal sentences, appending them to `alignment.unchanged`; return the indices left
    over on each side, in order."""
    rest_a: list[int] = []
    rest_b: list[int] = []
    for op in Indel.opcodes(a, b):  # the longest common subsequence of whole sentences
        # A block at a time: most sentences carry over, in runs, and only the few left over
        # are looked at one by one.
        if op.tag == "equal":
            olds, news = range(op.src_start, op.src_end), range(op.dest_start, op.dest_end)
            alignment.unchanged.extend(zip(olds, news, strict=True))
        elif op.tag == "delete":
            rest_a.extend(range(op.src_start, op.src_end))
        else:
            rest_b.extend(range(op.dest_start, op.dest_end))
    if not rest_a or not rest_b:
        return rest_a, rest_b
    waiting: dict[str, list[int]] = {}
    for j in rest_b:
        waiting.setdefault(b[j], []).append(j)
    paired: set[int] = set()
    left_a: list[int] = []
    for i in rest_a:
        if waiting.get(a[i]):
            j = waiting[a[i]].pop(0)
            alignment.unchanged.append((i, j))
            paired.add(j)
        else:
            left_a.append(i)
    if paired:  # the blocks' pairs come in order; these do not
        alignment.unchanged.sort()
    return left_a, [j for j in rest_b if j not in paired] if paired else rest_b


def align(
    old: Sequence[str],
    new: Sequence[str],
    normal: tuple[Sequence[str], Sequence[str]] | None = None,
) -> Alignment:
    """Align the sentences of two versions of one section (`normal`: their normalized_sentence
    forms, when the caller has them)."""
    alignment = Alignment()
    if normal is None:
        na: Sequence[str] = [normalized_sentence(s) for s in old]
        nb: Sequence[str] = [normalized_sentence(s) for s in new]
    else:
        na, nb = normal
    rest_a, rest_b = _exact(na, nb, alignment)
    removed, added = rest_a, rest_b
    if rest_a and rest_b:
        used_a: set[int] = set()
        used_b: set[int] = set()
        # Python floats: a comparison per cell is several times cheaper than numpy's.
        scores = cdist(
            [na[i].lower() for i in rest_a], [nb[j].lower() for j in rest_b], scorer=fuzz.ratio
        ).tolist()
        candidates = sorted(
            (
                (score / 100, rest_a[x], rest_b[y])
                for x, row in enumerate(scores)
                for y, score in enumerate(row)
                if score >= MODIFIED_MIN * 100
            ),
            reverse=True,
        )
        for score, i, j in candidates:
            if i in used_a or j in used_b or not related(old[i], new[j], score):
                continue
            alignment.modified.append((i, j, round(score, 4)))
            used_a.add(i)
            used_b.add(j)
        if used_a:
            removed = [i for i in rest_a if i not in used_a]
            added = [j for j in rest_b if j not in used_b]
    alignment.removed = removed
    alignment.added = added
    alignment.modified.sort()
    return alignment
