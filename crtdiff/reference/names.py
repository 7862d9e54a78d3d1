"""Find every gazetteer name in a text: longest match first, acronyms case-sensitive, names
case-folded but with their capitalised words still capitalised."""

import operator
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress

from crtdiff.reference.gazetteer import Entry, is_acronym
from crtdiff.text.tokens import Tokens, fold_word, words


@dataclass(frozen=True)
class Pattern:
    """One written form of an entry, as a token sequence."""

    entry_id: str
    tokens: tuple[str, ...]
    """Raw tokens for acronyms, folded tokens for names."""
    capitalised: tuple[bool, ...]
    """For names: which words must start with a capital letter in the text."""
    exact_case: bool


_Open = dict[tuple[str, ...], frozenset[str]]


@dataclass(frozen=True)
class NameHit:
    """A name found in the text."""

    entry_id: str
    start: int
    end: int
    first_token: int
    last_token: int


def _pattern(entry_id: str, written: str) -> Pattern | None:
    parts = words(written)
    if not parts:
        return None
    if is_acronym(written):
        return Pattern(entry_id, tuple(parts), (), exact_case=True)
    folded = tuple(fold_word(p) for p in parts)
    capitalised = tuple(p[0].isupper() and len(p) > 3 for p in parts)
    return Pattern(entry_id, folded, capitalised, exact_case=False)


class _Forms:
    """The written forms that open with one token, by length (longest first) and tokens."""

    def __init__(self) -> None:
        self.lengths: list[int] = []
        self.by_tokens: dict[tuple[str, ...], list[Pattern]] = {}
        self.seconds: set[str] = set()
        """Second tokens of the longer forms: most words that open a form ("the") are not
        followed by one, and only the one-word forms need a look then."""

    def add(self, pattern: Pattern) -> None:
        n = len(pattern.tokens)
        if n not in self.lengths:
            self.lengths = sorted([*self.lengths, n], reverse=True)
        if n > 1:
            self.seconds.add(pattern.tokens[1])
        self.by_tokens.setdefault(pattern.tokens, []).append(pattern)

    def copy(self) -> "_Forms":
        clone = _Forms()
        clone.lengths = list(self.lengths)
        clone.by_tokens = {k: list(v) for k, v in self.by_tokens.items()}
        clone.seconds = set(self.seconds)
        return clone

    def longest(self, words: list[str], raws: list[str], at: int) -> Pattern | None:
        """The longest form at token `at`; of forms with the same tokens, the first added
        whose capitalised words are capitalised in the text."""
        lengths = self.lengths
        if at + 1 >= len(words) or words[at + 1] not in self.seconds:
            lengths = [1] if 1 in lengths else []
        for n in lengths:
            for pattern in self.by_tokens.get(tuple(words[at : at + n]), ()):
                if pattern.exact_case or all(
                    raws[at + k][0].isupper() or not must
                    for k, must in enumerate(pattern.capitalised)
                ):
                    return pattern
        return None


class NameMatcher:
    """Every written form of every entry, indexed by first token: acronyms by their exact
    spelling, names by their folded form."""

    def __init__(self, entries: Iterable[Entry], extra: dict[str, str] | None = None) -> None:
        self._exact: dict[str, _Forms] = {}
        self._folded: dict[str, _Forms] = {}
        self._open: tuple[_Open, _Open] = ({}, {})
        """The forms of more than one word (as written, folded): each proper beginning, and the
        words that can follow it in some form (frozen: a clone shares them)."""
        self._longest = 1
        forms = [(e.id, name) for e in entries for name in e.names]
        forms += list((extra or {}).items())
        for entry_id, written in forms:
            self._add(entry_id, written)

    def _add(
        self, entry_id: str, written: str, copied: set[tuple[bool, str]] | None = None
    ) -> None:
        """Index a written form; `copied`, in a clone, holds the keys whose forms it owns
        (the others it shares with the matcher it was cloned from, and copies before a change)."""
        pattern = _pattern(entry_id, written)
        if pattern is None:
            return
        index = self._exact if pattern.exact_case else self._folded
        opened = self._open[0] if pattern.exact_case else self._open[1]
        for k in range(1, len(pattern.tokens)):
            start = pattern.tokens[:k]
            opened[start] = opened.get(start, frozenset()) | {pattern.tokens[k]}
        self._longest = max(self._longest, len(pattern.tokens))
        first = pattern.tokens[0]
        forms = index.get(first)
        if copied is not None and (pattern.exact_case, first) not in copied:
            forms = index[first] = forms.copy() if forms is not None else _Forms()
            copied.add((pattern.exact_case, first))
        elif forms is None:
            forms = index[first] = _Forms()
        forms.add(pattern)

    def with_forms(self, forms: dict[str, str]) -> "NameMatcher":
        """A matcher that also knows `forms` (written form → entry id), e.g. text acronyms."""
        clone = NameMatcher([])
        clone._exact = dict(self._exact)
        clone._folded = dict(self._folded)
        clone._open = (dict(self._open[0]), dict(self._open[1]))
        clone._longest = self._longest
        copied: set[tuple[bool, str]] = set()
        for written, entry_id in forms.items():
            clone._add(entry_id, written, copied)
        return clone

    def next_words(self, tokens: Tokens) -> tuple[frozenset[str], frozenset[str]]:
        """The words (as written, folded) that, right after `tokens`, would go on with a form
        its last words begin: when the words after `tokens` start with none of them, no hit
        crosses from `tokens` into what follows, and the hits of `tokens` alone are the hits
        of `tokens` followed by any text (see `find`)."""
        raws, folds = tokens.raw, tokens.folded
        exact, folded = self._open
        as_written: set[str] = set()
        as_folded: set[str] = set()
        for k in range(1, min(self._longest, len(raws) + 1)):
            as_written |= exact.get(tuple(raws[-k:]), frozenset())
            as_folded |= folded.get(tuple(folds[-k:]), frozenset())
        return frozenset(as_written), frozenset(as_folded)

    def find(self, tokens: Tokens) -> list[NameHit]:
        """Non-overlapping hits, the longest written form winning at each position."""
        raws, folds = tokens.raw, tokens.folded
        exact, folded = self._exact, self._folded
        # Only tokens that begin some written form can begin a hit: found at C speed.
        firsts = map(operator.or_, map(exact.__contains__, raws), map(folded.__contains__, folds))
        hits: list[NameHit] = []
        at = 0
        for candidate in compress(range(len(raws)), firsts):
            if candidate < at:
                continue
            by_case = exact.get(raws[candidate])
            by_fold = folded.get(folds[candidate])
            a = by_case.longest(raws, raws, candidate) if by_case else None
            b = by_fold.longest(folds, raws, candidate) if by_fold else None
            best = a if b is None or (a is not None and len(a.tokens) >= len(b.tokens)) else b
            if best is None:
                continue
            last = candidate + len(best.tokens) - 1
            hits.append(
                NameHit(best.entry_id, tokens.start[candidate], tokens.end[last], candidate, last)
            )
            at = last + 1
        return hits
