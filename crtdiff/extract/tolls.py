"""Casualty figures: killed, wounded and kidnapped as lower bounds, perpetrators left out.

The text is read as tokens, and victims as lists of noun phrases around a casualty verb:
"killing one UN peacekeeper and one Malian soldier" (an object list after the verb),
"four U.S. soldiers and four Nigerien soldiers were killed" (a subject list before it). The
figures of a list are added; a subset after "including" is not, unless the total is vague
("several people, including a pastor" is at least one). Figures that different sources give for
the same victims compete: the lowest is the lower bound and all are kept with their source."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from crtdiff.extract.toll_phrases import Figure, Phrase, PhraseReader
from crtdiff.extract.toll_words import (
    ACTIVE,
    AUX,
    CLAUSE_LEAD,
    DEAD_WERE_ATTACKERS,
    GENERIC_VICTIMS,
    MORE,
    NOMINAL,
    PASSIVE,
    PERSON,
    REPORTING,
    TAKE,
    WEAK_WOUNDING,
    H,
    K,
)
from crtdiff.schemas import StatedFigure, TollFlag, TollKind

_TOLL_OPENERS = frozenset({"death", "toll"})
"""Words `_toll_at` starts at ("the death toll rose to 30")."""
_BODY_OPENERS = frozenset({"his", "her", "bodies"})
"""Words `_body_found` starts at ("his body was found")."""
_REPORTED = frozenset(REPORTING | {","})
"""Words before a figure a source gives ("media reported 20", "the army said, 20")."""
_OPENS_READING = frozenset(NOMINAL) | _TOLL_OPENERS | _BODY_OPENERS
"""Words a reading starts at whatever follows them (besides casualty verbs and phrases)."""


@dataclass
class Tolls:
    """Lower bounds per class; None when the text gives no figure."""

    killed: int | None = None
    wounded: int | None = None
    kidnapped: int | None = None
    flags: set[TollFlag] = field(default_factory=set)
    victims: str | None = None
    """The first victim noun phrase seen ("UN peacekeepers")."""
    figures: list[StatedFigure] = field(default_factory=list)
    """The figures of every class whose sources disagree, as stated."""

    def as_fields(self) -> dict[str, object]:
        """Keyword arguments for the schema models."""
        return {
            "killed_min": self.killed,
            "wounded_min": self.wounded,
            "kidnapped_min": self.kidnapped,
            "toll_flags": sorted(self.flags, key=lambda f: f.value),
            "competing_figures": list(self.figures),
        }


class _Reader(PhraseReader):
    """One pass over the tokens of a text, collecting figures."""

    def _source(self, i: int) -> str | None:
        """Who gives the figure starting at token i ("the army said", "media reported")."""
        j = i - 1
        while self._low(j) in ("that", "the") and j > 0:
            j -= 1
        if j >= 0 and self.toks[j].low in REPORTING:
            start = j
            while start > 0 and i - start < 8:
                prev = self.toks[start - 1]
                if prev.kind == "punct" or (prev.low in CLAUSE_LEAD and prev.low != "and"):
                    break
                start -= 1
            return self.text[self.toks[start].start : self.toks[j].end]
        # "according to media reports, 20 people were killed"
        for back in range(max(0, i - 8), i):
            if self._low(back) == "according" and self._low(back + 1) == "to":
                end = i - 1 if self._low(i - 1) == "," else i
                return self.text[self.toks[back].start : self.toks[end - 1].end]
        return None

    # -- figures -----------------------------------------------------------------------------

    def _add(self, toll: TollKind, items: list[Phrase], subset: int | None, more: bool) -> None:
        victims = [p for p in items if self._victim(p)]
        values = [p.value for p in victims if p.value is not None]
        if not values and subset is None:
            return
        total = sum(values) if values else subset
        if total is None:
            return
        # "more than 1,100, including 47 civilians ...; most of the dead were militants"
        after = self.toks[items[-1].end - 1].end
        mixed = DEAD_WERE_ATTACKERS.search(self.text, after)
        if subset is not None and (subset > total or mixed):
            total = subset
        first, last = items[0], items[-1]
        qualifier = next((p.qualifier for p in victims if p.qualifier), "")
        text = self.text[self.toks[first.start].start : self.toks[last.end - 1].end]
        who = " ".join(t.text for t in victims[0].who) if victims else ""
        self.figures.append(
            Figure(
                toll,
                total,
                qualifier,
                who,
                self.toks[first.start].start,
                text,
                self._source(first.start),
                more or any(t.low in MORE for p in items for t in p.who),
            )
        )

    def _active(self, i: int) -> int | None:
        """An object list after a casualty verb at i; the index after it, or None."""
        found = self._seq(i, ACTIVE)
        if found is None:
            return None
        toll, j = found
        if self._low(j) == "at" and self._low(j + 1) != "least":
            return None
        listed = self._list(j, bare=False)
        if listed is None:
            return None
        items, end = listed
        if self._low(i) in WEAK_WOUNDING:
            items = [p for p in items if PERSON.search(" ".join(t.text for t in p.who))]
        subset, end = self._including(end)
        self._add(toll, items, subset, more=False)
        return end

    def _toll_at(self, i: int) -> int | None:
        """ "put the death toll at 105", "the toll rose to 30": killed."""
        j = i + 1 if self._low(i) == "death" else i
        if self._low(j) != "toll":
            return None
        k = j + 1
        while self._low(k) in ("at", "to", "of", "rose", "reached", "stood", "climbed", "was"):
            k += 1
        if k == j + 1:
            return None
        listed = self._list(k, bare=False)
        if listed is None:
            return None
        items, end = listed
        items = [replace(p, start=i) for p in items[:1]]
        self._add(K, items, None, more=False)
        return end

    def _nominal(self, i: int) -> int | None:
        """ "the killing of three soldiers", "the abduction of a Swiss citizen"."""
        toll = NOMINAL.get(self._low(i))
        if toll is None or self._low(i + 1) != "of":
            return None
        listed = self._list(i + 2, bare=False)
        if listed is None:
            return None
        items, end = listed
        self._add(toll, items, None, more=False)
        return end

    def _passive(self, i: int) -> int | None:
        """A subject list followed by what happened to it ("two soldiers were killed")."""
        listed = self._list(i, bare=False)
        if listed is None:
            return None
        items, end = listed
        if len(items) > 1 and items[0].value is None:
            return None
        if self._low(end) == ",":
            end = self._aside(end)
        j, aux, more = end, False, False
        while self._low(j) in AUX:
            aux = aux or self._low(j) not in ("reportedly", "also", "later", "all", "each")
            more = more or self._low(j) == "also"
            j += 1
        taken = self._taken_hostage(items, end)
        if taken is not None:
            return taken
        found = self._seq(j, PASSIVE)
        if found is None:
            return self._elliptic(items, end)
        toll, after = found
        if self._seq(j, ACTIVE) is not None and self._list(after, bare=False):
            return None  # "a suicide bomber killed two guards", "IEDs had killed 10 soldiers"
        subset, after = self._including(after)
        self._add(toll, items, subset, more)
        return self._and_then(items, after)

    def _and_then(self, items: list[Phrase], j: int) -> int:
        """ "was kidnapped in Niger and later killed": what else happened to the same victims."""
        k = j
        while k < len(self.toks) and k - j < 6 and self.toks[k].kind != "punct":
            if self._low(k) == "and":
                m = k + 1
                while self._low(m) in AUX:
                    m += 1
                found = self._seq(m, PASSIVE)
                if found is not None and not self._list(found[1], bare=False):
                    self._add(found[0], items, None, more=False)
                    return found[1]
                return j
            k += 1
        return j

    def _aside(self, comma: int) -> int:
        """The index after an aside between commas before the verb ("One of the hostages,
        the Chadian, was killed"); `comma` itself when there is none."""
        j = comma + 1
        while j < len(self.toks) and j - comma <= 6:
            if self._low(j) == ",":
                return j + 1 if self._low(j + 1) in AUX else comma
            if self.toks[j].kind == "punct" or self._is_verb(j):
                return comma
            j += 1
        return comma

    def _body_found(self, i: int) -> int | None:
        """ "His body was found", "the bodies of two hostages were discovered": killed."""
        low = self._low(i)
        if low in ("his", "her") and self._low(i + 1) == "body":
            items = [Phrase(1, [], "", i, i + 2)]
            j = i + 2
        elif low == "bodies" and self._low(i + 1) == "of":
            listed = self._list(i + 2, bare=False)
            if listed is None:
                return None
            items, j = listed
        else:
            return None
        while self._low(j) in AUX:
            j += 1
        if self._low(j) not in ("found", "discovered", "recovered"):
            return None
        self._add(K, items, None, more=False)
        return j + 1

    def _taken_hostage(self, items: list[Phrase], end: int) -> int | None:
        """ "took two Frenchmen hostage": the list between a taking verb and "hostage"."""
        first = items[0].start
        if self._low(first - 1) in TAKE and self._low(end) in ("hostage", "hostages", "captive"):
            self._add(H, items, None, more=False)
            return end + 1
        return None

    def _elliptic(self, items: list[Phrase], end: int) -> int | None:
        """A bare figure a source gives for the victims already counted: "media reported at
        least 20"; only after a reporting verb and before the clause ends."""
        if len(items) != 1 or items[0].value is None or not self.figures:
            return None
        if self._source(items[0].start) is None or self._low(end) not in ("", ";", ".", ","):
            return None
        before = len(self.figures)
        self._add(self.figures[-1].toll, items, None, more=False)
        if len(self.figures) > before:
            self.figures[-1].elliptic = True
        return end

    def _steps(self, i: int) -> list[Callable[[int], int | None]]:
        """The readings that can start at token i (most tokens start none: `_starts` tells
        which start one, with the same tests)."""
        low = self._low(i)
        steps: list[Callable[[int], int | None]] = []
        if self._active_at[i] is not None:
            steps.append(self._active)
        if low in NOMINAL:
            steps.append(self._nominal)
        if low in _TOLL_OPENERS:
            steps.append(self._toll_at)
        if low in _BODY_OPENERS:
            steps.append(self._body_found)
        if not self.opens_named[i]:
            return steps  # no subject list opens here: _passive would find none
        reported = self._low(i - 1) in _REPORTED  # "media reported 20"
        if reported or self._outcome_ahead(i):
            steps.append(self._passive)
        return steps

    def _starts(self) -> list[int]:
        """The tokens at which `_steps` gives a reading, in order: its tests, on every token
        in one pass (most tokens start none: a call per token to learn that cost more than
        the readings' own tests)."""
        lows, active_at, opens = self.lows, self._active_at, self.opens_named
        return [
            i
            for i, low in enumerate(lows)
            if active_at[i] is not None
            or low in _OPENS_READING
            or (opens[i] and ((lows[i - 1] if i else "") in _REPORTED or self._outcome_ahead(i)))
        ]

    def read(self) -> list[Figure]:
        after_last = 0
        for i in self._starts():
            if i < after_last:
                continue  # inside what a reading took
            for step in self._steps(i):
                after = step(i)
                if after is not None and after > i:
                    after_last = after
                    break
        return self.figures


def _competes(earlier: Figure, later: Figure) -> bool:
    """Two figures of one class count the same victims when sources disagree: the later one
    has its own source (or only restates a figure), and says nothing of further victims."""
    if later.source is None or later.more:
        return False
    a, b = earlier.who.lower().split(), later.who.lower().split()
    return not a or not b or a[-1] == b[-1] or a[-1] in GENERIC_VICTIMS or b[-1] in GENERIC_VICTIMS


def _stated(figure: Figure) -> StatedFigure:
    return StatedFigure(
        toll=figure.toll,
        value=figure.value,
        flags=figure.flags,
        text=figure.text,
        source=figure.source,
    )


MAX_PLAUSIBLE_TOLL = 100_000
"""Above any figure a chapter could give for one attack or one period (the deadliest attack
on record killed about 3,000): a larger figure is a typo or a hostile text, and is left out,
with a warning, rather than summed into totals (or overflow a 64-bit table column)."""
_LONG_NUMBER = re.compile(r"\d[\d,]{5,}")
"""Six digits or more: what a figure beyond MAX_PLAUSIBLE_TOLL needs (words stop at thousands)."""


def may_hold_implausible(text: str) -> bool:
    """False when no part of `text` (a sentence of a body) can hold a figure beyond
    MAX_PLAUSIBLE_TOLL: a long number found in a part is found in the whole text."""
    return _LONG_NUMBER.search(text) is not None


def implausible_figures(text: str) -> list[tuple[str, int]]:
    """(class, figure) of every casualty figure of `text` beyond MAX_PLAUSIBLE_TOLL."""
    if _LONG_NUMBER.search(text) is None:  # the common case, without reading the figures
        return []
    return list(_implausible(text))


@lru_cache(maxsize=4096)
def _implausible(text: str) -> tuple[tuple[str, int], ...]:
    # A sentence with a long number (a sum of money, a population) is read for its figures
    # in every year it carries over to: read once per process.
    return tuple(
        (f.toll.value, f.value) for f in _Reader(text).read() if f.value > MAX_PLAUSIBLE_TOLL
    )


def _plausible(text: str) -> list[Figure]:
    figures = _Reader(text).read()
    if _LONG_NUMBER.search(text) is None:
        return figures
    return [f for f in figures if f.value <= MAX_PLAUSIBLE_TOLL]  # warned by extract_facts


def read_tolls(text: str) -> Tolls:
    """Casualty figures of one incident's text.

    Figures of different victims are added ("two soldiers ... three civilians killed"); figures
    that sources give for the same victims compete: the lowest is kept as the lower bound, with
    its own qualifiers, and every figure is kept with its source.
    """
    tolls = Tolls()
    by_class: dict[TollKind, list[list[Figure]]] = {}
    for figure in _plausible(text):
        if tolls.victims is None and figure.who:
            tolls.victims = figure.who
        groups = by_class.setdefault(figure.toll, [])
        if groups and _competes(groups[-1][0], figure):
            groups[-1].append(figure)
        else:
            groups.append([figure])
    for toll, groups in by_class.items():
        lowest = [min(group, key=lambda f: f.value) for group in groups]
        setattr(tolls, toll.value, sum(f.value for f in lowest))
        for figure in lowest:
            tolls.flags.update(figure.flags)
        for group in groups:
            if len(group) > 1:
                tolls.flags.add(TollFlag.COMPETING)
                tolls.figures.extend(_stated(f) for f in group)
    return tolls
