"""Spelling variants of group names that the gazetteer does not list ("Jama'at Nasr al-Islam
wa al-Muslimin"), matched with rapidfuzz under guards: only long capitalised phrases the exact
matcher left alone, only against names of about the same number of words, only above a high
similarity. "al-Qa'ida in the Arabian Peninsula" is matched exactly first, and a two-word name can
never absorb a six-word phrase."""

from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter

from rapidfuzz import fuzz, process

from crtdiff.reference.gazetteer import Gazetteer, is_acronym
from crtdiff.reference.names import NameHit
from crtdiff.schemas import IngestWarning
from crtdiff.text.normalize import match_key
from crtdiff.text.tokens import Tokens

MIN_WORDS = 3
"""Shorter phrases are too ambiguous to match by similarity."""
MIN_SCORE = 90
"""Least similarity (0-100) of the folded phrase and the folded name."""
_MAX_REMEMBERED = 20_000
"""Phrases whose best name is kept (a few hundred per chapter, most of them recurring)."""
_JOINERS = {"al", "el", "ad", "ash", "wal", "wa", "fi", "bin", "ibn", "of", "the", "in", "for",
            "and", "de", "du", "la", "li", "min"}  # fmt: skip
RUN_GAP = " -'’"
"""What may stand between two words of one capitalised run."""


@dataclass(frozen=True)
class FuzzyIndex:
    """Folded multi-word names of every group."""

    names: list[str]
    ids: list[str]
    written: list[str]
    _best: dict[str, tuple[float, int] | None] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Best name (similarity, position) per folded phrase already looked up: the same phrases
    come back chapter after chapter."""

    def best(self, folded: str) -> tuple[float, int] | None:
        """The most similar name at or above MIN_SCORE: (similarity, position), or None."""
        if folded in self._best:
            return self._best[folded]
        found = process.extractOne(folded, self.names, scorer=fuzz.ratio, score_cutoff=MIN_SCORE)
        best = None if found is None else (found[1], found[2])
        if len(self._best) >= _MAX_REMEMBERED:
            self._best.clear()
        self._best[folded] = best
        return best


def build_fuzzy_index(gazetteer: Gazetteer) -> FuzzyIndex:
    """Every group name or alias of at least MIN_WORDS words, folded."""
    names, ids, written = [], [], []
    for entry in gazetteer.groups:
        for name in (entry.name, *entry.aliases):
            folded = match_key(name)
            if not is_acronym(name) and len(folded.split()) >= MIN_WORDS:
                names.append(folded)
                ids.append(entry.id)
                written.append(name)
    return FuzzyIndex(names, ids, written)


def capitalised_runs(body: str, tokens: Tokens, taken: set[int]) -> list[tuple[int, int]]:
    """(first, last) token of the maximal runs of capitalised words (and name particles) no
    exact match took (`taken`): the phrases matched by similarity."""
    raws, folds = tokens.raw, tokens.folded
    capital = list(map(str.isupper, map(itemgetter(0), raws)))
    out = []
    run_end = -1
    # A run opens on a capitalised word no match took and goes on over capitalised words and
    # particles joined to it (only spaces, hyphens or apostrophes between): walked from the
    # capitalised words alone, as most words open no run.
    for first in compress(range(len(raws)), capital):
        if first <= run_end or first in taken:
            continue
        last = first
        while (
            (i := last + 1) < len(raws)
            and i not in taken
            and (capital[i] or folds[i] in _JOINERS)
            and joins_runs(body, tokens, i)
        ):
            last = i
        run_end = last
        while last > first and not capital[last]:
            last -= 1
        if last - first + 1 >= MIN_WORDS:
            out.append((first, last))
    return out


def joins_runs(body: str, tokens: Tokens, at: int) -> bool:
    """Whether tokens `at - 1` and `at` are close enough for one capitalised run to hold both
    (only spaces, hyphens or apostrophes between them)."""
    return not body[tokens.end[at - 1] : tokens.start[at]].strip(RUN_GAP)


def fuzzy_hits(
    body: str,
    tokens: Tokens,
    hits: list[NameHit],
    index: FuzzyIndex,
    runs: list[tuple[int, int]] | None = None,
) -> tuple[list[NameHit], list[IngestWarning]]:
    """Group mentions found by similarity, each with a warning naming what it was read as
    (`runs`: the capitalised runs of `tokens` around `hits`, when already known)."""
    found: list[NameHit] = []
    warnings: list[IngestWarning] = []
    if not index.names:
        return found, warnings
    if runs is None:
        taken = {i for h in hits for i in range(h.first_token, h.last_token + 1)}
        runs = capitalised_runs(body, tokens, taken)
    for first, last in runs:
        phrase = body[tokens.start[first] : tokens.end[last]]
        folded = match_key(phrase)
        best = index.best(folded)
        if best is None:
            continue
        score, position = best
        if abs(len(folded.split()) - len(index.names[position].split())) > 1:
            continue
        found.append(
            NameHit(index.ids[position], tokens.start[first], tokens.end[last], first, last)
        )
        warnings.append(
            IngestWarning(
                code="fuzzy_group_name",
                message=f"{phrase!r} read as {index.written[position]} "
                f"(spelling variant, similarity {score:.0f})",
            )
        )
    return found, warnings
