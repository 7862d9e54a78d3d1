"""Incidents of the report year, incidents only referenced, and aggregate tolls."""

import re
from dataclasses import dataclass

from crtdiff.extract.classify import classify_attribution, classify_kind, classify_target
from crtdiff.extract.dates import DatePhrase, find_dates
from crtdiff.extract.evidence import LocatedSentence, SentenceIndex
from crtdiff.extract.ids import Ids
from crtdiff.extract.names import NameHit
from crtdiff.extract.places import find_place, place_near
from crtdiff.extract.tolls import read_tolls
from crtdiff.reference.countries import CountryTable
from crtdiff.text.normalize import slugify
from schemas import (
    AggregateToll,
    CountryReport,
    DatePrecision,
    Incident,
    IncidentKind,
    ReferencedIncident,
    ReferenceReason,
    Section,
)

_EVENT = re.compile(
    r"\battack|bomb|explosi|kidnap|abduct|ambush|assault|killed|killing|siege|shot|raid|"
    r"hostage|IED|suicide|rocket|mortar|assassinat|massacre|stormed",
    re.I,
)
_EVENT_NOUN = re.compile(
    r"\b(?:attacks?|bombings?|kidnappings?|abductions?|ambush(?:es)?|assaults?|siege|"
    r"explosions?|massacre|hostage-taking|killings?)\b",
    re.I,
)
_FOLLOW_ON = re.compile(r"^(?:In response|In retaliation|Subsequently|Afterward|Later,|Following)")
_PERIOD = re.compile(
    r"\bthrough\b|\bsince\b|during the year|so far|in total|throughout|beginning of the year|"
    r"over the course|by the end of|as of\b|in \d{4}\b|this year|the year",
    re.I,
)
_SPECIFIC = (DatePrecision.DAY, DatePrecision.APPROXIMATE)


@dataclass(frozen=True)
class Context:
    """What every incident rule needs to know about the chapter."""

    country: str
    year: int
    countries: CountryTable
    groups: list[NameHit]
    """Group mentions (after acronym resolution), in body order."""
    blocked: list[tuple[int, int]]
    """Spans of every group and organisation name: never places."""


@dataclass
class _Clause:
    main: LocatedSentence
    date: DatePhrase
    follow: list[LocatedSentence]


def _unit_sentences(section: Section) -> list[list[int]]:
    """Sentence indexes grouped by bullet or paragraph, in order."""
    units: dict[tuple[str, int], list[int]] = {}
    for i, s in enumerate(section.sentences):
        key = ("b", s.bullet) if s.bullet is not None else ("p", s.paragraph)
        units.setdefault(key, []).append(i)
    return list(units.values())


def _current_date(text: str, year: int) -> DatePhrase | None:
    """The first date of the report year in a sentence; None when the sentence is about an
    event of an earlier year ("a video in July showing the citizen abducted on December 24,
    2016" is a reference, not a July incident)."""
    phrases = find_dates(text, year)
    if any(p.explicit_year is not None and p.explicit_year < year for p in phrases):
        return None
    return next((p for p in phrases if p.explicit_year in (None, year)), None)


def _clauses(section: Section, year: int) -> list[_Clause]:
    """Incident clauses: a dated event sentence and the undated sentences that follow it in its
    bullet; a bullet with an event but no date at all is one incident dated by the year."""
    clauses: list[_Clause] = []
    for unit in _unit_sentences(section):
        sentences = [section.sentences[i] for i in unit]
        in_bullet = sentences[0].bullet is not None
        found: list[_Clause] = []
        current: _Clause | None = None
        for sentence in sentences:
            located = LocatedSentence(section.key, sentence)
            date = _current_date(sentence.text, year)
            is_event = bool(_EVENT.search(sentence.text))
            lead_in_event = (
                date is not None
                and date.precision in _SPECIFIC
                and not (_PERIOD.search(sentence.text))
            )
            if date is not None and is_event and (in_bullet or lead_in_event):
                current = _Clause(located, date, [])
                found.append(current)
            elif current is not None and in_bullet and date is None:
                if _FOLLOW_ON.match(sentence.text):
                    current = None
                else:
                    current.follow.append(located)
            else:
                current = None
        whole = " ".join(s.text for s in sentences)
        if in_bullet and not found and _EVENT.search(whole):
            undated = DatePhrase("", 0, 0, f"{year:04d}", None, DatePrecision.YEAR, None)
            rest = [LocatedSentence(section.key, s) for s in sentences[1:]]
            found.append(_Clause(LocatedSentence(section.key, sentences[0]), undated, rest))
        clauses.extend(found)
    return clauses


def _groups_in(hits: list[NameHit], start: int, end: int) -> list[str]:
    out: list[str] = []
    for hit in hits:
        if start <= hit.start < end and hit.entry_id not in out:
            out.append(hit.entry_id)
    return out


def _incident(clause: _Clause, ctx: Context, taken: Ids) -> Incident:
    main = clause.main.sentence
    context = " ".join(s.sentence.text for s in clause.follow)
    whole = f"{main.text} {context}".strip()
    span_end = clause.follow[-1].sentence.end if clause.follow else main.end
    local_blocked = [(s - main.start, e - main.start) for s, e in ctx.blocked]
    place = find_place(main.text, ctx.countries, local_blocked)
    perpetrators = _groups_in(ctx.groups, main.start, span_end)
    tolls = read_tolls(whole)
    kind = classify_kind(main.text, context)
    ident = f"{clause.date.date}-{slugify(place.place or place.country or 'unknown')}-{kind.value}"
    return Incident(
        id=taken.claim(ident),
        date=clause.date.date,
        date_end=clause.date.date_end,
        date_precision=clause.date.precision,
        date_text=clause.date.text or str(ctx.year),
        place=place.place,
        country=place.country or ctx.country,
        kind=kind,
        target=classify_target(main.text),
        perpetrators=perpetrators,
        attribution=classify_attribution(whole, bool(perpetrators)),
        evidence=clause.main.evidence(),
        **tolls.as_fields(),  # type: ignore[arg-type]
    )


def extract_incidents(report: CountryReport, ctx: Context) -> list[Incident]:
    """One Incident per dated event sentence of the incidents section (bullets and lead-in)."""
    section = report.section("incidents")
    if section is None:
        section = report.section("body")
    if section is None:
        return []
    taken = Ids()
    return [_incident(c, ctx, taken) for c in _clauses(section, ctx.year)]


def extract_aggregates(report: CountryReport, ctx: Context) -> list[AggregateToll]:
    """Summary figures over a period in the incidents section's lead-in."""
    section = report.section("incidents")
    if section is None:
        return []
    out = []
    for sentence in section.sentences:
        if sentence.bullet is not None or not _PERIOD.search(sentence.text):
            continue
        date = _current_date(sentence.text, ctx.year)
        if date is not None and date.precision is DatePrecision.DAY:
            continue
        tolls = read_tolls(sentence.text)
        if tolls.killed is None and tolls.wounded is None and tolls.kidnapped is None:
            continue
        out.append(
            AggregateToll(
                victims=tolls.victims or "people",
                evidence=LocatedSentence(section.key, sentence).evidence(),
                **tolls.as_fields(),  # type: ignore[arg-type]
            )
        )
    return out


_ANCHOR = re.compile(
    r"\b(?:attacks?|bombings?|kidnappings?|abductions?|ambush(?:es)?|assaults?|siege|"
    r"explosions?|massacre|hostage-taking|abducted|kidnapped|bombed|attacked)\b",
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
        dates = find_dates(text, ctx.year)
        if not dates:
            continue
        offset = located.sentence.start
        blocked = [(s - offset, e - offset) for s, e in ctx.blocked]
        for event in _ANCHOR.finditer(text):
            phrase = _date_of_event(text, dates, event.start(), event.end())
            if phrase is None:
                continue
            reason = _reason(located, phrase, text, ctx)
            if reason is None:
                continue
            place = place_near(text, phrase.start, ctx.countries, blocked)
            around = text[max(0, phrase.start - 80) : phrase.end + 80]
            kind = classify_kind(around, "")
            key = (phrase.date, kind.value)
            if key in seen:
                continue
            seen.add(key)
            country = place.country or ctx.country
            ident = f"{phrase.date}-{slugify(place.place or country)}-{kind.value}"
            out.append(
                ReferencedIncident(
                    id=ident,
                    date=phrase.date,
                    date_precision=phrase.precision,
                    date_text=phrase.text,
                    place=place.place,
                    country=country,
                    kind=kind if kind is not IncidentKind.OTHER else IncidentKind.ARMED_ASSAULT,
                    reason=reason,
                    evidence=located.evidence(),
                )
            )
    return out


def _reason(
    located: LocatedSentence, phrase: DatePhrase, text: str, ctx: Context
) -> ReferenceReason | None:
    """Why a dated event mention is a reference, or None when it is not one."""
    if phrase.explicit_year is not None and phrase.explicit_year < ctx.year:
        return ReferenceReason.EARLIER_YEAR
    if located.section == "incidents" or phrase.precision is not DatePrecision.DAY:
        return None
    place = find_place(text[phrase.start :], ctx.countries)
    if place.country is not None and place.country != ctx.country:
        return ReferenceReason.OTHER_COUNTRY
    return None
