"""Victim noun phrases and lists around a casualty verb: the token-level half of the toll
reader (crtdiff/extract/tolls.py holds the verb patterns)."""

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from crtdiff.extract.toll_words import (
    ACTIVE,
    ACTIVE_FIRST,
    AT_LEAST,
    CLAUSE_LEAD,
    DETERMINED,
    ESTIMATED,
    ING_NOUNS,
    MONTHS,
    NOT_VICTIMS,
    ONE_PERSON,
    OUTCOME_WORDS,
    PASSIVE,
    PASSIVE_FIRST,
    PERPETRATOR,
    PERSON,
    QUALIFIER_BY_FIRST,
    REACH,
    STOP,
    TAKE,
    VAGUE,
    WEEKDAYS,
    Tok,
    longest_entry,
    titled,
    toll_tokens,
)
from crtdiff.schemas import TollFlag, TollKind

_OPENERS = frozenset(
    {"himself", "herself", "themselves", "a", "an"}
    | ONE_PERSON
    | DETERMINED
    | VAGUE
    | set(QUALIFIER_BY_FIRST)
)
"""Lower-case words that can open a victim phrase (see `_phrase`): a word outside these, not
a number and not capitalised, opens none unless a plain plural may (`bare`)."""


@dataclass
class Phrase:
    """One victim noun phrase: its figure (None when vague) and its words."""

    value: int | None
    who: list[Tok]
    qualifier: str
    start: int
    end: int
    """Token index just past the phrase."""


@dataclass
class Figure:
    """One casualty figure read: its class, value, qualifier, victims and source."""

    toll: TollKind
    value: int
    qualifier: str
    who: str
    start: int
    """Character offset of the figure."""
    text: str
    source: str | None
    more: bool
    """The text says these are further victims ("three civilians were also killed")."""
    elliptic: bool = False
    """A bare figure after a reporting verb ("media reported at least 20")."""

    @property
    def flags(self) -> list[TollFlag]:
        if self.qualifier in AT_LEAST:
            return [TollFlag.AT_LEAST]
        if self.qualifier in ESTIMATED:
            return [TollFlag.ESTIMATED]
        return []


class _Lows(dict[int, str]):
    """Token index -> the token in lower case, "" outside the text (before it or after it)."""

    def __missing__(self, key: int) -> str:
        return ""


class PhraseReader:
    """The tokens of a text and the victim phrases around each; the figures found so far."""

    _low: Callable[[int], str]
    """Token i in lower case, "" outside the text. The readers ask it a hundred times a text:
    a dictionary's own look-up, where a method would cost a Python call each time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = toll_tokens(text)
        self.figures: list[Figure] = []
        lows = [t.low for t in self.toks]
        self.lows = lows
        self._low = _Lows(enumerate(lows)).__getitem__
        # Verbs looked up once per token: the reader asks about each token many times.
        self._active_at = [
            longest_entry(lows, i, ACTIVE) if low in ACTIVE_FIRST else None
            for i, low in enumerate(lows)
        ]
        self._passive_at = [
            longest_entry(lows, i, PASSIVE) if low in PASSIVE_FIRST else None
            for i, low in enumerate(lows)
        ]
        self._outcomes = [
            i
            for i, low in enumerate(lows)
            if self._passive_at[i] is not None or low in OUTCOME_WORDS
        ]
        self.opens_named = [
            t.kind == "num" or t.low in _OPENERS or t.text[0].isupper() for t in self.toks
        ]
        """Whether token i can open a victim phrase with names (`_phrase(i, bare=False)`):
        most tokens are lower-case words that open none, and the readers skip them."""

    # -- small helpers -----------------------------------------------------------------------

    def _seq(self, i: int, table: dict[tuple[str, ...], TollKind]) -> tuple[TollKind, int] | None:
        """The longest entry of `table` starting at token i: its class and the index after."""
        if i >= len(self.toks):
            return None
        if table is ACTIVE:
            return self._active_at[i]
        if table is PASSIVE:
            return self._passive_at[i]
        return longest_entry([t.low for t in self.toks], i, table)

    def _qualifier(self, i: int) -> tuple[str, int]:
        for words, name in QUALIFIER_BY_FIRST.get(self._low(i), ()):
            if all(self._low(i + k) == w for k, w in enumerate(words)):
                after = i + len(words)
                if after < len(self.toks) and self.toks[after].kind == "num":
                    return name, after
        return "", i

    def _is_verb(self, i: int) -> bool:
        return i < len(self.toks) and (
            self._active_at[i] is not None or self._passive_at[i] is not None
        )

    def _outcome_ahead(self, i: int) -> bool:
        """A word that says what happened to victims stands within reach after token i."""
        at = bisect_left(self._outcomes, i)
        return at < len(self._outcomes) and self._outcomes[at] - i <= REACH

    # -- noun phrases ------------------------------------------------------------------------

    def _who(self, i: int) -> int:
        """Index just past the words of a victim phrase starting at i."""
        n = 0
        while i < len(self.toks) and n < 8:
            tok = self.toks[i]
            if tok.kind == "punct" or tok.kind == "num":
                break
            if tok.low == "of":
                nxt = self._low(i + 1)
                if nxt in ("the", "a", "an", "his", "her", "their", "its"):
                    i += 1
                i += 1
                n += 1
                continue
            ing = tok.low.endswith("ing") and len(tok.low) > 4 and tok.low not in ING_NOUNS
            if tok.low in STOP or self._is_verb(i) or ing or tok.low in TAKE:
                break
            if tok.low in ("hostage", "hostages", "captive") and self._low(i - 1) in TAKE:
                break
            i += 1
            n += 1
        return i

    def _is_date_number(self, i: int) -> bool:
        """ "On January 7," and "in 2012": a day or a year, not a figure."""
        tok = self.toks[i]
        if tok.text.isdigit() and len(tok.text) == 4 and 1900 <= int(tok.text) <= 2100:
            return True
        return self._low(i - 1) in MONTHS or self._low(i + 1) in MONTHS

    def _head(self, j: int, *, bare: bool, names: bool) -> tuple[int | None, int] | None:
        """The count a victim phrase opens with (None when vague or a name) and the index of
        its first word; None when token j opens no victim phrase."""
        tok = self.toks[j]
        if tok.low in MONTHS or tok.low in WEEKDAYS:
            return None
        if tok.kind == "num":
            return None if self._is_date_number(j) else (tok.value, j + 1)
        if tok.low in ("a", "an"):
            return 1, j + 1
        if tok.low in DETERMINED and self._noun_next(j):
            nxt = self.toks[j + 1]
            if nxt.kind == "num":
                return nxt.value, j + 2  # "the two soldiers"
            return self._one_determined(j)
        if tok.low in VAGUE:
            return None, j + 2 if self._low(j + 1) == "of" else j + 1
        opens = bare or (names and tok.text[0].isupper())
        if tok.kind != "word" or not opens:
            return None
        if tok.low in STOP or tok.low in CLAUSE_LEAD or self._is_verb(j):
            return None
        return None, j

    def _noun_next(self, j: int) -> bool:
        """A word (not a verb or a small word) follows token j: "her husband", not "her"."""
        if j + 1 >= len(self.toks):
            return False
        nxt = self.toks[j + 1]
        return nxt.kind == "num" or (
            nxt.kind == "word" and nxt.low not in STOP and not self._is_verb(j + 1)
        )

    def _one_determined(self, j: int) -> tuple[int | None, int] | None:
        """ "the driver", "his wife", "their Kenyan driver": one person (a singular noun naming
        a person); "the occupants" or "the attack" give no count."""
        end = self._who(j + 1)
        who = [t.low for t in self.toks[j + 1 : end]]
        head = who[: who.index("of")] if "of" in who else who  # "the wife of a police officer"
        if not head or head[-1].endswith("s") or not PERSON.search(head[-1]):
            return None
        return 1, j + 1

    def _phrase(self, i: int, *, bare: bool, names: bool = True) -> Phrase | None:
        """A victim phrase at token i: a figure ("at least 19 Malian soldiers"), an article
        ("a Swiss citizen"), a vague quantity ("several people"), a name ("Kirk Woodman",
        when `names`), or, when `bare`, a plain plural ("civilians")."""
        if i >= len(self.toks):
            return None
        qualifier, j = self._qualifier(i)
        tok = self.toks[j]
        if tok.low in ("himself", "herself", "themselves"):
            return Phrase(None, [tok], "", i, j + 1)  # the attacker, listed with his victims
        if tok.low in ONE_PERSON and not (tok.low in DETERMINED and self._noun_next(j)):
            return Phrase(1, [tok], qualifier, i, j + 1)  # "wounding him", "she later died"
        head = self._head(j, bare=bare, names=names)
        if head is None:
            return None
        value, j = head
        end = self._who(j)
        who = self.toks[j:end]
        if self._low(end) == "or" and self._low(end + 1) in ("more", "higher"):
            qualifier, end = qualifier or "at least", end + 2  # "86 or more"
        if value is None and names and who and titled(who[-1].text) and tok.text[0].isupper():
            value = 1  # a person named: "kidnapped Kirk Woodman", "killed U.S. citizen X"
        if value is None and not who and tok.low not in VAGUE:
            return None
        if who and who[0].low in NOT_VICTIMS:
            return None
        return Phrase(value, who, qualifier, i, end)

    def _list(self, i: int, *, bare: bool, names: bool = True) -> tuple[list[Phrase], int] | None:
        """Victim phrases joined by commas, "and", "as well as"; the index after them. An
        aside that only describes the victims already listed is not more victims: "Kirk
        Woodman, a Canadian geologist", "six aid workers, five Nigeriens and a Chadian"."""
        first = self._phrase(i, bare=bare, names=names)
        if first is None:
            return None
        items, j = self._items(first)
        if len(items) > 1 and self._low(items[0].end) == ",":
            rest = [p.value for p in items[1:]]
            named = items[0].value == 1 and items[0].who and items[0].who[-1].text[0].isupper()
            article = self._low(items[1].start) in ("a", "an") and len(items) == 2
            if (named and article) or (None not in rest and sum(rest) == items[0].value):  # type: ignore[arg-type]
                items = items[:1]
        return items, j

    def _items(self, first: Phrase) -> tuple[list[Phrase], int]:
        items, j = [first], first.end
        while j < len(self.toks):
            k, comma = j, False
            if self._low(k) == ",":
                k, comma = k + 1, True
            if self._low(k) == "and":
                k += 1
            elif self._low(k) == "as" and self._low(k + 1) == "well" and self._low(k + 2) == "as":
                k += 3
            elif not comma:
                break
            if self._is_verb(k) or self._low(k) == "including":
                break
            nxt = self._phrase(k, bare=True)
            if nxt is None and comma:
                nxt = self._after_apposition(k)
            if nxt is None:
                break
            items.append(nxt)
            j = nxt.end
        return items, j

    def _after_apposition(self, i: int) -> Phrase | None:
        """The phrase after an aside between commas ("35 civilians, most of them women, and
        seven soldiers")."""
        j = i
        while j < len(self.toks) and j - i < 6 and self._low(j) != ",":
            if self.toks[j].kind == "punct" or self._is_verb(j):
                return None
            j += 1
        if self._low(j) != ",":
            return None
        k = j + 1
        if self._low(k) == "and":
            k += 1
        return self._phrase(k, bare=False)

    def _including(self, j: int) -> tuple[int | None, int]:
        """The lower bound a subset after "including" gives, and the index after it."""
        k = j + 1 if self._low(j) == "," else j
        if self._low(k) != "including":
            return None, j
        found = self._list(k + 1, bare=True)
        if found is None:
            return None, j
        items, end = found
        total = sum(p.value for p in items if p.value is not None and self._victim(p))
        return (total or None), end

    @staticmethod
    def _victim(phrase: Phrase) -> bool:
        return not any(PERPETRATOR.search(t.text) for t in phrase.who)
