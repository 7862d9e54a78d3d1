"""Match the units of two outlines: the same key, else a renamed, merged or split unit found by
heading similarity and content similarity; what is left was added or removed.

Heading similarity is the best overlap (Dice) of the stemmed words of the two units' headings,
their inner headings and (on one side) their section's title, so that 2024's "b. Worker Rights"
meets the sub-sections of the earlier "Section 7. Worker Rights". Content similarity is the
cosine of tf-idf word vectors over both outlines' units, so that a rewritten unit still meets
its predecessor by what it is about.
"""

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import Stemmer

from crtdiff.compare.words import comparable_words
from crtdiff.ingest.labels import is_title_case
from crtdiff.schemas import Section
from crtdiff.schemas.series import MatchKind

HEADING_WEIGHT = 0.5
"""Share of the heading similarity in the match score (the rest is content similarity)."""
MATCH_MIN = 0.35
"""Least score for two units of different keys to match."""
CONTENT_MIN = 0.2
"""Least content similarity for a match: a heading alone never pairs two unrelated units."""
HEADING_ALONE = 0.75
"""Heading similarity from which a match needs only CONTENT_MIN / 2 of content similarity."""
PAIR_CONTENT_MIN = 0.25
"""Least content similarity for a new unit left without predecessor and an old unit left
without successor to pair as a rename, taken greedily by score (2024's "Extrajudicial Killings"
and the earlier "Arbitrary Deprivation of Life ...": one word of heading in common)."""
PARENT_WEIGHT = 0.5
"""Weight of a match between a section's title and a unit heading of the other outline."""
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "including",
        "into",
        "of",
        "on",
        "or",
        "other",
        "the",
        "to",
        "with",
        "within",
    ]
)
_STEMMER = Stemmer.Stemmer("english")  # the Snowball English stemmer, compiled
_LETTER = re.compile(r"^\s*(?:Section\s+\d{1,2}\s*[.:]?\s*)?(?:[a-h]\.\s+)?", re.IGNORECASE)
_HEADING_LINE = re.compile(r"[^.!?:;,\"”’)]$")
_MAX_INNER_WORDS = 16


def stems(text: str) -> list[str]:
    """Content words of a text, stemmed ("Anti-Semitism" and "antisemitic" meet)."""
    joined = re.sub(r"(?<=[A-Za-z])-(?=[A-Za-z])", "", text)
    words = [w for w in comparable_words(joined) if w not in _STOP and not w.isdigit()]
    return list(_STEMMER.stemWords(words))


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


@dataclass(frozen=True)
class Unit:
    """A unit of one outline with what matching looks at."""

    section: Section
    index: int
    headings: tuple[frozenset[str], ...]
    """Stems of its own heading and of its inner headings."""
    parent: frozenset[str]
    """Stems of the title of the section it stands in."""
    words: Counter[str]


def _inner_headings(section: Section, known: Callable[[str], bool]) -> list[str]:
    return [
        s.text
        for s in section.sentences
        if _HEADING_LINE.search(s.text)
        and len(s.text.split()) <= _MAX_INNER_WORDS
        and (known(s.text) or is_title_case(s.text))
    ]


def make_units(
    sections: list[Section], parents: Mapping[str, str], known: Callable[[str], bool]
) -> list[Unit]:
    """The report's units for matching; `parents` gives each key's section title, `known` tells
    the inner headings of the outline."""
    units = []
    for index, section in enumerate(sections):
        own = _LETTER.sub("", section.heading or "")
        heads = [frozenset(stems(h)) for h in (own, *_inner_headings(section, known)) if h]
        units.append(
            Unit(
                section=section,
                index=index,
                headings=tuple(h for h in heads if h),
                parent=frozenset(stems(parents.get(section.key, ""))),
                words=Counter(stems(section.text)),
            )
        )
    return units


def heading_similarity(old: Unit, new: Unit) -> float:
    """Best overlap of the two units' headings; a section title counts against the other side's
    own headings only (two units of one section are not alike for that alone)."""
    best = max((_dice(a, b) for a in old.headings for b in new.headings), default=0.0)
    for parent, heads in ((old.parent, new.headings), (new.parent, old.headings)):
        best = max(best, *(PARENT_WEIGHT * _dice(parent, h) for h in heads), 0.0)
    return best


def _tfidf(units: list[Unit], idf: dict[str, float]) -> list[dict[str, float]]:
    vectors = []
    for unit in units:
        vector = {w: (1 + math.log(n)) * idf[w] for w, n in unit.words.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({w: v / norm for w, v in vector.items()})
    return vectors


def content_similarities(old: list[Unit], new: list[Unit]) -> list[list[float]]:
    """Cosine of tf-idf vectors for every old × new pair (idf over the units of both)."""
    every = old + new
    df: Counter[str] = Counter(w for u in every for w in u.words)
    idf = {w: math.log((1 + len(every)) / (1 + n)) + 1 for w, n in df.items()}
    a, b = _tfidf(old, idf), _tfidf(new, idf)
    return [
        [
            sum(v * y.get(w, 0.0) for w, v in x.items())
            if len(x) < len(y)
            else sum(v * x.get(w, 0.0) for w, v in y.items())
            for y in b
        ]
        for x in a
    ]


@dataclass
class Matched:
    """One unit of the new outline (or a removed old one) and the old units it comes from."""

    kind: MatchKind
    new: Unit | None
    old: list[Unit] = field(default_factory=list)
    heading_similarity: float | None = None
    content_similarity: float | None = None


def _accept(heading: float, content: float) -> bool:
    if content >= CONTENT_MIN:
        return HEADING_WEIGHT * heading + (1 - HEADING_WEIGHT) * content >= MATCH_MIN
    return heading >= HEADING_ALONE and content >= CONTENT_MIN / 2


class _Matcher:
    """The passes of match_units over one pair of outlines."""

    def __init__(self, old: list[Unit], new: list[Unit]) -> None:
        self.old, self.new = old, new
        content = content_similarities(old, new)
        self.score = [
            [(heading_similarity(o, n), content[i][j]) for j, n in enumerate(new)]
            for i, o in enumerate(old)
        ]
        by_key = {u.section.key: u for u in old}
        self.results = [
            Matched(MatchKind.SAME, n, [by_key[n.section.key]])
            if n.section.key in by_key
            else Matched(MatchKind.ADDED, n)
            for n in new
        ]
        self.taken = {u.index for r in self.results for u in r.old}

    def combined(self, i: int, j: int) -> float:
        h, c = self.score[i][j]
        return HEADING_WEIGHT * h + (1 - HEADING_WEIGHT) * c

    def merge(self) -> None:
        """Each old unit left over goes to the new unit it resembles most (rename or merger)."""
        for o in self.old:
            if o.index in self.taken or not self.new:
                continue
            j = max(range(len(self.new)), key=lambda j: self.combined(o.index, j))
            if _accept(*self.score[o.index][j]):
                self.results[j].old.append(o)
                self.taken.add(o.index)

    def pair(self) -> None:
        """What remains on both sides pairs greedily, best score first, on content."""
        pairs = sorted(
            (
                (self.combined(i, j), i, j)
                for i in range(len(self.old))
                for j in range(len(self.new))
                if i not in self.taken
                and not self.results[j].old
                and self.score[i][j][1] >= PAIR_CONTENT_MIN
            ),
            reverse=True,
        )
        for _, i, j in pairs:
            if i not in self.taken and not self.results[j].old:
                self.results[j].old.append(self.old[i])
                self.taken.add(i)

    def split(self) -> None:
        """A new unit still alone may be carved out of an old unit whose heading it shares."""
        for j, result in enumerate(self.results):
            if result.old or not self.old:
                continue
            i = max(range(len(self.old)), key=lambda i: self.combined(i, j))
            if _accept(*self.score[i][j]) and self.score[i][j][0] >= HEADING_ALONE:
                result.old.append(self.old[i])
                if i in self.taken:
                    result.kind = MatchKind.SPLIT
                self.taken.add(i)

    def classify(self) -> list[Matched]:
        for result in self.results:
            result.old.sort(key=lambda u: u.index)
            if len(result.old) > 1 and result.kind is not MatchKind.SPLIT:
                result.kind = MatchKind.MERGED
            elif result.old and result.kind is MatchKind.ADDED:
                result.kind = MatchKind.RENAMED
            if result.kind not in (MatchKind.SAME, MatchKind.ADDED) and result.new is not None:
                pairs = [self.score[u.index][result.new.index] for u in result.old]
                result.heading_similarity = max(h for h, _ in pairs)
                result.content_similarity = max(c for _, c in pairs)
        left = [
            Matched(MatchKind.REMOVED, None, [o]) for o in self.old if o.index not in self.taken
        ]
        return self.results + left


def match_units(old: list[Unit], new: list[Unit]) -> list[Matched]:
    """Every new unit with its predecessors, then the old units no new unit took, in order.

    Same key first; then each old unit left over goes to the new unit it resembles most when
    the score passes (renames and mergers); then what is left on both sides pairs greedily on
    content; last, a new unit still alone may be split off an old unit whose heading it shares.
    """
    matcher = _Matcher(old, new)
    matcher.merge()
    matcher.pair()
    matcher.split()
    return matcher.classify()
