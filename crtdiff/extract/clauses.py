"""Incident clauses: an attack anchor with its date and the sentences that follow it, read unit by
unit (bullet or paragraph) of a section."""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from crtdiff.extract.attacks import (
    Anchor,
    find_anchors,
    is_release,
    is_state_operation,
    names_event,
    period_dated,
)
from crtdiff.extract.dates import DatePhrase, find_dates, has_dates
from crtdiff.extract.evidence import LocatedSentence
from crtdiff.extract.incident_context import Context
from crtdiff.extract.places import Place, find_place
from crtdiff.schemas import (
    DatePrecision,
    Section,
    Sentence,
)
from crtdiff.text.caseless import caseless, lower_plain

_FOLLOW_ON = re.compile(
    r"^(?:In response|In retaliation|Subsequently|Afterward|Later,|Following|"
    r"(?:\w+\s+){1,2}(?:days?|weeks?|months?|hours?) later)"
)
"""A sentence of a bullet that tells what followed: the bullet's incident ends there."""
_ASIDE = re.compile(r"^(?:Further|Another|In a separate|Separately|Other\b|Elsewhere)")
"""A sentence of a bullet about other events ("Further shootings ... killed at least one more
person"): not part of the incident, though what comes after it may be ("No group claimed
responsibility")."""
_CLAIM_OPENING = re.compile(r"^(?:[\w’'-]+\s+){1,6}?(?:later\s+|also\s+)?claimed\b")
"""A sentence whose subject claims something ("ISIS claimed responsibility on December 20,
after security forces had killed the attackers"): the claim of the incident before it, even
when it dates the claim or names another event."""
_SAME_DAY = re.compile(
    r"^(?:On |In |During )?(?:the |that )?same (?:day|evening|night|morning|afternoon)\b|"
    r"^Later (?:that|the same) (?:day|evening|night)|^(?:Hours|Minutes) later\b",
    re.IGNORECASE,
)
_NEXT_DAY = re.compile(
    r"^(?:On )?the (?:next|following) (?:day|morning|evening|night)\b", re.IGNORECASE
)
PERIOD = re.compile(
    r"\bthrough\b|\bsince\b|during the year|so far|in total|throughout|beginning of the year|"
    r"over the course|by the end of|as of\b|(?:in|during) \d{4}\b|this year|the year|"
    r"half of the year",
    re.I,
)
_SPECIFIC = (DatePrecision.DAY, DatePrecision.APPROXIMATE)


_PERIOD_LOW = caseless(PERIOD)


@lru_cache(maxsize=16384)
def names_period(text: str) -> bool:
    """The sentence speaks of a period (PERIOD): kept per process per sentence text."""
    # Searched in the lower-cased sentence (text/caseless.py): twice as fast as with IGNORECASE.
    return _PERIOD_LOW.search(text, lower_plain(text))


INCLUDING = re.compile(r"\bincluding\s+(?:on\s+)?$")


@dataclass
class Clause:
    """One incident clause: its sentence, anchor and date, and the sentences that follow it."""

    main: LocatedSentence
    anchor: Anchor
    date: DatePhrase
    follow: list[LocatedSentence]
    listed: bool
    """Told in the incidents section (the incident list and its lead-in)."""
    share: tuple[int, int] = (0, 1)
    """This clause's place among the dates that open one sentence, and how many there are
    ("On July 25 and July 26, blasts struck Bangalore and Ahmedabad": 0 and 1 of 2)."""


def _unit_sentences(section: Section) -> list[list[int]]:
    """Sentence indexes grouped by bullet or paragraph, in order."""
    units: dict[int, list[int]] = {}
    for i, s in enumerate(section.sentences):
        # A bullet's index, or a paragraph's below zero (-1 for the first): one int per unit.
        key = s.bullet if s.bullet is not None else -1 - s.paragraph
        units.setdefault(key, []).append(i)
    return list(units.values())


def _local(spans: list[tuple[int, int]], sentence: Sentence) -> list[tuple[int, int]]:
    return [(s - sentence.start, e - sentence.start) for s, e in spans]


def _shifted(phrase: DatePhrase, days: int) -> DatePhrase:
    """The date a number of days later ("the following day"), as precise as the first."""
    if days == 0 or phrase.precision is not DatePrecision.DAY:
        return phrase
    day = date.fromisoformat(phrase.date) + timedelta(days=days)
    return DatePhrase(
        phrase.text,
        phrase.start,
        phrase.end,
        day.isoformat(),
        None,
        phrase.precision,
        phrase.explicit_year,
    )


class ClauseReader:
    """Incident clauses of one chapter, section by section."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._groups = [(h.start, h.end) for h in ctx.groups]
        self._states = [(s, e) for s, e, _ in ctx.forces]

    def _accepts(self, sentence: Sentence, anchor: Anchor, *, bullet: bool, listed: bool) -> bool:
        """Whether the anchor dates an attack (not a release, total, operation or background);
        outside a bullet only a specific date opening the sentence, or one inside it that
        qualifies an event, dates an incident."""
        text = sentence.text
        segment = text[anchor.start : anchor.end]
        if not names_event(segment) or period_dated(text, anchor) or is_release(segment):
            return False
        vague = anchor.date.precision not in _SPECIFIC or names_period(text)
        if not bullet and anchor.leading and vague:
            return False
        # The doer comes after an opening date, before a closing one.
        after = 0 if anchor.closing else anchor.date.end - anchor.start
        local = [(s - anchor.start, e - anchor.start) for s, e in _local(self._states, sentence)]
        local_groups = [
            (s - anchor.start, e - anchor.start) for s, e in _local(self._groups, sentence)
        ]
        if is_state_operation(segment, max(0, after), local, local_groups):
            return False
        # Outside the list, and in it when only mentioned in passing ("AQIM also claimed the
        # March 13 attack on Grand-Bassam, Cote d'Ivoire"), another country's event is not.
        if not listed or not (bullet or anchor.leading):
            place = self._place(sentence, anchor)
            if place.country is not None and place.country != self.ctx.country:
                return False  # another country's event, told in passing: a reference
        return True

    def _place(self, sentence: Sentence, anchor: Anchor) -> Place:
        segment = sentence.text[anchor.start : anchor.end]
        blocked = [
            (s - anchor.start, e - anchor.start) for s, e in _local(self.ctx.blocked, sentence)
        ]
        return find_place(segment, self.ctx.countries, blocked, self.ctx.places, self.ctx.country)

    def section(self, section: Section, *, listed: bool) -> list[Clause]:
        """Incident clauses of a section: dated event sentences, with the undated sentences
        that follow them in their bullet; a bullet with an event but no date at all is one
        incident dated by the year (only in the incidents section)."""
        clauses: list[Clause] = []
        for unit in _unit_sentences(section):
            clauses += self._unit([section.sentences[i] for i in unit], section.key, listed)
        return clauses

    def _unit(self, sentences: list[Sentence], key: str, listed: bool) -> list[Clause]:
        year = self.ctx.year
        bullet = sentences[0].bullet is not None
        found: list[Clause] = []
        current: list[Clause] = []
        for sentence in sentences:
            goes_on = bool(current) and (bullet or (listed and current[0].anchor.leading))
            claim = goes_on and _CLAIM_OPENING.match(sentence.text) is not None
            # Most sentences hold no date or name no violent event: no anchor to look for
            # (the dates are parsed once per sentence and kept: test them first). A claim of
            # the incident before tells no event of its own.
            told = not claim and has_dates(sentence.text, year) and names_event(sentence.text)
            anchors = (
                [
                    a
                    for a in find_anchors(sentence.text, year, bullet=bullet)
                    if self._accepts(sentence, a, bullet=bullet, listed=listed)
                ]
                if told
                else []
            )
            if anchors:
                located = LocatedSentence(key, sentence)
                leading = [a for a in anchors if a.leading]
                current = [
                    Clause(located, a, a.date, [], listed, _share(a, leading)) for a in anchors
                ]
                found += current
                continue
            # A bullet, or a paragraph of the list that opens with its date (text without
            # bullet glyphs), goes on about its incident until a sentence dates another event.
            # A dated sentence with no event in it ("The ELN claimed responsibility on January
            # 21") still speaks of it.
            if not goes_on or (
                not claim and _dated(sentence.text, year) and names_event(sentence.text)
            ):
                current = []
                continue
            if not claim and _dated(sentence.text, year, earlier=True):
                continue  # "Kantner had been kidnapped ... in November 2016": background
            located = LocatedSentence(key, sentence)
            again = self._same_day(sentence, current[-1], located)
            if again is not None:
                current = [again]
                found.append(again)
            elif _FOLLOW_ON.match(sentence.text):
                current = []
            elif not (_ASIDE.match(sentence.text) or names_period(sentence.text)):
                for clause in current:
                    clause.follow.append(located)
        if bullet and listed and not found:
            found += self._undated(sentences, key)
        return found

    def _same_day(
        self, sentence: Sentence, previous: Clause, located: LocatedSentence
    ) -> Clause | None:
        """ "On the same evening, attackers struck churches in Maiduguri": another incident,
        dated by the one before it."""
        days = 0 if _SAME_DAY.match(sentence.text) else 1 if _NEXT_DAY.match(sentence.text) else -1
        if days < 0 or not names_event(sentence.text):
            return None
        anchor = Anchor(_shifted(previous.date, days), 0, len(sentence.text), True)
        return Clause(located, anchor, anchor.date, [], previous.listed)

    def _undated(self, sentences: list[Sentence], key: str) -> list[Clause]:
        whole = " ".join(s.text for s in sentences)
        first = sentences[0]
        if not names_event(whole) or names_period(first.text) or is_release(first.text):
            return []
        states = _local(self._states, first)
        groups = _local(self._groups, first)
        if is_state_operation(first.text, 0, states, groups):
            return []
        year = self.ctx.year
        undated = DatePhrase("", 0, 0, f"{year:04d}", None, DatePrecision.YEAR, None)
        anchor = Anchor(undated, 0, len(first.text), True)
        rest = [LocatedSentence(key, s) for s in sentences[1:]]
        return [Clause(LocatedSentence(key, first), anchor, undated, rest, True)]


def _share(anchor: Anchor, leading: list[Anchor]) -> tuple[int, int]:
    return (leading.index(anchor), len(leading)) if anchor in leading else (0, 1)


def _dated(text: str, year: int, *, earlier: bool = False) -> bool:
    """The sentence names a month or day of the report year (so it tells its own event), or
    with `earlier`, one of an earlier year."""
    for phrase in find_dates(text, year):
        if phrase.precision is DatePrecision.YEAR:
            continue
        if earlier and phrase.explicit_year is not None and phrase.explicit_year < year:
            return True
        if not earlier and phrase.explicit_year in (None, year):
            return True
    return False
