"""Incidents mentioned in passing: earlier years anywhere, other countries outside the list."""

import re

from crtdiff.extract.attacks import qualifies_event
from crtdiff.extract.classify import classify_kind
from crtdiff.extract.dates import DatePhrase, find_dates, has_dates
from crtdiff.extract.evidence import LocatedSentence, SentenceIndex
from crtdiff.extract.incident_context import Context
from crtdiff.extract.places import find_place, place_near
from crtdiff.schemas import (
    CountryReport,
    DatePrecision,
    IncidentKind,
    ReferencedIncident,
    ReferenceReason,
)
from crtdiff.text.normalize import slugify

_ANCHOR = re.compile(
    r"\b(?:attacks?|bombings?|kidnappings?|abductions?|ambush(?:es)?|assaults?|siege|"
    r"explosions?|massacres?|hostage-taking|abducted|kidnapped|bombed|attacked|assassinated|"
    r"beheaded|burned (?:alive|to death))\b",
    re.I,
)
_DATE_REACH = {DatePrecision.YEAR: 25}
"""How far (characters) a date may stand from its event word; a bare year must be close
("the 2002 Bali bombings"), or it is just a year the sentence mentions."""
_DEFAULT_REACH = 60


def _date_of_event(text: str, dates: list[DatePhrase], start: int, end: int) -> DatePhrase | None:
    """The date closest to an event word, within reach; a bare year only in the same phrase
    ("the 2002 Bali bombings", not "a trend that began in 2015, attacks ...")."""
    best: tuple[int, DatePhrase] | None = None
    for phrase in dates:
        between = text[phrase.end : start] if phrase.end <= start else text[end : phrase.start]
        gap = len(between) if phrase.end <= start or phrase.start >= end else -1
        if gap < 0 or gap > _DATE_REACH.get(phrase.precision, _DEFAULT_REACH):
            continue
        if phrase.precision is DatePrecision.YEAR and not re.fullmatch(r"[\s\w’'-]*", between):
            continue
        if best is None or gap < best[0]:
            best = (gap, phrase)
    return best[1] if best else None


def extract_references(
    report: CountryReport, ctx: Context, index: SentenceIndex
) -> list[ReferencedIncident]:
    """Incidents mentioned in passing: earlier years anywhere, other countries outside the list."""
    out: list[ReferencedIncident] = []
    seen: set[tuple[str | None, str]] = set()
    for located in index.sentences:
        text = located.sentence.text
        if not has_dates(text, ctx.year):
            continue  # most sentences: told by one look-up, without copying a list
        dates = find_dates(text, ctx.year)
        offset = located.sentence.start
        blocked = [(s - offset, e - offset) for s, e in ctx.blocked]
        for event in _ANCHOR.finditer(text):
            phrase = _date_of_event(text, dates, event.start(), event.end())
            if phrase is None:
                continue
            reason, abroad = _reason(located, phrase, text, ctx)
            if reason is None:
                continue
            place = place_near(text, phrase.start, ctx.countries, blocked, ctx.places, ctx.country)
            around = text[max(0, phrase.start - 80) : phrase.end + 80]
            kind = classify_kind(around, "")
            key = (phrase.date, kind.value)
            if key in seen:
                continue
            seen.add(key)
            country = place.country or abroad or ctx.country
            ident = f"{phrase.date}-{slugify(place.place or country)}-{kind.value}"
            out.append(
                ReferencedIncident(
                    id=ident,
                    date=phrase.date,
                    date_precision=phrase.precision,
                    date_text=phrase.text,
                    place=place.place,
                    place_canonical=place.canonical,
                    country=country,
                    kind=kind if kind is not IncidentKind.OTHER else IncidentKind.ARMED_ASSAULT,
                    reason=reason,
                    evidence=located.evidence(),
                )
            )
    return out


def _reason(
    located: LocatedSentence, phrase: DatePhrase, text: str, ctx: Context
) -> tuple[ReferenceReason | None, str | None]:
    """Why a dated event mention is a reference (None when it is not one), and the other
    country it happened in."""
    if phrase.explicit_year is not None and phrase.explicit_year < ctx.year:
        return ReferenceReason.EARLIER_YEAR, None
    if phrase.precision is not DatePrecision.DAY:
        return None, None
    passing = located.sentence.bullet is None and qualifies_event(text, phrase)
    if located.section == "incidents" and not passing:
        return None, None  # an event of the list, not one mentioned in passing
    place = find_place(text[phrase.start :], ctx.countries, places=ctx.places, home=ctx.country)
    if place.country is not None and place.country != ctx.country:
        return ReferenceReason.OTHER_COUNTRY, place.country
    return None, None
