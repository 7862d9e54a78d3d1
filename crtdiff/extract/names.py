"""Find every gazetteer name in a text: longest match first, acronyms case-sensitive, names
case-folded but with their capitalised words still capitalised."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from crtdiff.extract.tokens import Token, fold_word, words
from crtdiff.reference.gazetteer import Entry, is_acronym


@dataclass(frozen=True)
class Pattern:
    """One written form of an entry, as a token sequence."""

    entry_id: str
    tokens: tuple[str, ...]
    """Raw tokens for acronyms, folded tokens for names."""
    capitalised: tuple[bool, ...]
    """For names: which words must start with a capital letter in the text."""
    exact_case: bool


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


class NameMatcher:
    """Every written form of every entry, indexed by first token."""

    def __init__(self, entries: Iterable[Entry], extra: dict[str, str] | None = None) -> None:
        self._index: dict[str, list[Pattern]] = defaultdict(list)
        forms = [(e.id, name) for e in entries for name in e.names]
        forms += list((extra or {}).items())
        for entry_id, written in forms:
            pattern = _pattern(entry_id, written)
            if pattern is not None:
                self._index[pattern.tokens[0]].append(pattern)
        for patterns in self._index.values():
            patterns.sort(key=lambda p: len(p.tokens), reverse=True)

    def with_forms(self, forms: dict[str, str]) -> "NameMatcher":
        """A matcher that also knows `forms` (written form → entry id), e.g. text acronyms."""
        clone = NameMatcher([])
        clone._index = defaultdict(list, {k: list(v) for k, v in self._index.items()})
        for written, entry_id in forms.items():
            pattern = _pattern(entry_id, written)
            if pattern is not None:
                clone._index[pattern.tokens[0]].append(pattern)
                clone._index[pattern.tokens[0]].sort(key=lambda p: len(p.tokens), reverse=True)
        return clone

    @staticmethod
    def _fits(pattern: Pattern, tokens: list[Token], at: int) -> bool:
        n = len(pattern.tokens)
        if at + n > len(tokens):
            return False
        window = tokens[at : at + n]
        if pattern.exact_case:
            return all(t.raw == p for t, p in zip(window, pattern.tokens, strict=True))
        if any(t.folded != p for t, p in zip(window, pattern.tokens, strict=True)):
            return False
        return all(
            t.raw[0].isupper() or not must
            for t, must in zip(window, pattern.capitalised, strict=True)
        )

    def find(self, tokens: list[Token]) -> list[NameHit]:
        """Non-overlapping hits, the longest written form winning at each position."""
        hits: list[NameHit] = []
        at = 0
        while at < len(tokens):
            token = tokens[at]
            candidates = self._index.get(token.raw, []) + self._index.get(token.folded, [])
            best: Pattern | None = None
            for pattern in sorted(candidates, key=lambda p: len(p.tokens), reverse=True):
                if self._fits(pattern, tokens, at):
                    best = pattern
                    break
            if best is None:
                at += 1
                continue
            last = at + len(best.tokens) - 1
            hits.append(NameHit(best.entry_id, tokens[at].start, tokens[last].end, at, last))
            at = last + 1
        return hits
