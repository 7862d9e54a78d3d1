"""Incidents of the report year, incidents only referenced, and aggregate tolls.

An incident is an attack dated in the report year: in the incidents section (its bullets, and
the dated events of its lead-in) and wherever else the chapter tells one (an attack described
only in the Overview is an incident of the year; its evidence keeps its section). One told in
two places is one incident. Hostage releases, period totals, a state's own operations and
background sentences are not incidents; earlier-year events and, outside the incident list,
other countries' events are references.
"""

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from crtdiff.extract.attacks import (
    Anchor,
    find_anchors,
    is_release,
    is_state_operation,
    names_event,
    period_dated,
)
from crtdiff.extract.classify import classify_attribution, classify_kind, classify_target
from crtdiff.extract.dates import DatePhrase, find_dates
from crtdiff.extract.evidence import LocatedSentence, SentenceIndex
from crtdiff.extract.ids import Ids
from crtdiff.extract.places import Place, find_place, place_candidates, place_near
from crtdiff.extract.tolls import read_tolls
from crtdiff.reference.countries import CountryTable
from crtdiff.reference.country_terms import NEUTRAL, CountryTerms
from crtdiff.reference.names import NameHit
from crtdiff.reference.places import PlaceTable
from crtdiff.text.normalize import slugify
from crtdiff.text.places import same_place
from schemas import (
    AggregateToll,
    Attribution,
    CountryReport,
    DatePrecision,
    Incident,
    IncidentKind,
    ReferencedIncident,
    ReferenceReason,
    Section,
    Sentence,
    Target,
)

_FOLLOW_ON = re.compile(
    r"^(?:In response|In retaliation|Subsequently|Afterward|Later,|Following|"
    r"(?:\w+\s+){1,2}(?:days?|weeks?|months?|hours?) later)"
)
"""A sentence of a bullet that tells what followed: the bullet's incident ends there."""
_ASIDE = re.compile(r"^(?:Further|Another|In a separate|Separately|Other\b|Elsewhere)")
"""A sentence of a bullet about other events ("Further shootings ... killed at least one more
person"): not part of the incident, though what comes after it may be ("No group claimed
responsibility")."""
_SAME_DAY = re.compile(
    r"^(?:On |In |During )?(?:the |that )?same (?:day|evening|night|morning|afternoon)\b|"
    r"^Later (?:that|the same) (?:day|evening|night)|^(?:Hours|Minutes) later\b",
    re.IGNORECASE,
)
_NEXT_DAY = re.compile(
    r"^(?:On )?the (?:next|following) (?:day|morning|evening|night)\b", re.IGNORECASE
)
_PERIOD = re.compile(
    r"\bthrough\b|\bsince\b|during the year|so far|in total|throughout|beginning of the year|"
    r"over the course|by the end of|as of\b|(?:in|during) \d{4}\b|this year|the year|"
    r"half of the year",
    re.I,
)
_SPECIFIC = (DatePrecision.DAY, DatePrecision.APPROXIMATE)
_INCLUDING = re.compile(r"\bincluding\s+(?:on\s+)?$")


@dataclass(frozen=True)
class Context:
    """What every incident rule needs to know about the chapter."""

    country: str
    year: int
    countries: CountryTable
    groups: list[NameHit]
    """Group mentions (after acronym resolution), in body order."""
    blocked: list[tuple[int, int]]
    """Spans of every group, organisation and state-force name: never places."""
    places: PlaceTable | None = None
    forces: list[tuple[int, int, Target]] = field(default_factory=list)
    """Spans of state-force mentions and the target an attack on each has."""
    terms: CountryTerms | None = None
    """Names, demonyms and places of every country (a victim's nationality)."""


@dataclass
class _Clause:
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
    units: dict[tuple[str, int], list[int]] = {}
    for i, s in enumerate(section.sentences):
        key = ("b", s.bullet) if s.bullet is not None else ("p", s.paragraph)
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


class _Reader:
    """Incident clauses of one chapter, section by section."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def _accepts(self, sentence: Sentence, anchor: Anchor, *, bullet: bool, listed: bool) -> bool:
        """Whether the anchor dates an attack (not a release, total, operation or background);
        outside a bullet only a specific date opening the sentence, or one inside it that
        qualifies an event, dates an incident."""
        text = sentence.text
        segment = text[anchor.start : anchor.end]
        if not names_event(segment) or period_dated(text, anchor) or is_release(segment):
            return False
        vague = anchor.date.precision not in _SPECIFIC or _PERIOD.search(text)
        if not bullet and anchor.leading and vague:
            return False
        after = anchor.date.end - anchor.start
        groups = [(h.start, h.end) for h in self.ctx.groups]
        states = [(s, e) for s, e, _ in self.ctx.forces]
        local = [(s - anchor.start, e - anchor.start) for s, e in _local(states, sentence)]
        local_groups = [(s - anchor.start, e - anchor.start) for s, e in _local(groups, sentence)]
        if is_state_operation(segment, max(0, after), local, local_groups):
            return False
        if not listed:
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

    def section(self, section: Section, *, listed: bool) -> list[_Clause]:
        """Incident clauses of a section: dated event sentences, with the undated sentences
        that follow them in their bullet; a bullet with an event but no date at all is one
        incident dated by the year (only in the incidents section)."""
        clauses: list[_Clause] = []
        for unit in _unit_sentences(section):
            clauses += self._unit([section.sentences[i] for i in unit], section.key, listed)
        return clauses

    def _unit(self, sentences: list[Sentence], key: str, listed: bool) -> list[_Clause]:
        year = self.ctx.year
        bullet = sentences[0].bullet is not None
        found: list[_Clause] = []
        current: list[_Clause] = []
        for sentence in sentences:
            located = LocatedSentence(key, sentence)
            # Most sentences hold no date or name no violent event: no anchor to look for
            # (the dates are parsed once per sentence and kept: test them first).
            told = bool(find_dates(sentence.text, year)) and names_event(sentence.text)
            anchors = [
                a
                for a in (find_anchors(sentence.text, year, bullet=bullet) if told else [])
                if self._accepts(sentence, a, bullet=bullet, listed=listed)
            ]
            if anchors:
                leading = [a for a in anchors if a.leading]
                current = [
                    _Clause(located, a, a.date, [], listed, _share(a, leading)) for a in anchors
                ]
                found += current
                continue
            # A bullet, or a paragraph of the list that opens with its date (text without
            # bullet glyphs), goes on about its incident until a sentence dates another event.
            # A dated sentence with no event in it ("The ELN claimed responsibility on January
            # 21") still speaks of it.
            goes_on = bool(current) and (bullet or (listed and current[0].anchor.leading))
            if not goes_on or (_dated(sentence.text, year) and names_event(sentence.text)):
                current = []
                continue
            if _dated(sentence.text, year, earlier=True):
                continue  # "Kantner had been kidnapped ... in November 2016": background
            again = self._same_day(sentence, current[-1], located)
            if again is not None:
                current = [again]
                found.append(again)
            elif _FOLLOW_ON.match(sentence.text):
                current = []
            elif not (_ASIDE.match(sentence.text) or _PERIOD.search(sentence.text)):
                for clause in current:
                    clause.follow.append(located)
        if bullet and listed and not found:
            found += self._undated(sentences, key)
        return found

    def _same_day(
        self, sentence: Sentence, previous: _Clause, located: LocatedSentence
    ) -> _Clause | None:
        """ "On the same evening, attackers struck churches in Maiduguri": another incident,
        dated by the one before it."""
        days = 0 if _SAME_DAY.match(sentence.text) else 1 if _NEXT_DAY.match(sentence.text) else -1
        if days < 0 or not names_event(sentence.text):
            return None
        anchor = Anchor(_shifted(previous.date, days), 0, len(sentence.text), True)
        return _Clause(located, anchor, anchor.date, [], previous.listed)

    def _undated(self, sentences: list[Sentence], key: str) -> list[_Clause]:
        whole = " ".join(s.text for s in sentences)
        first = sentences[0]
        if not names_event(whole) or _PERIOD.search(first.text) or is_release(first.text):
            return []
        states = _local([(s, e) for s, e, _ in self.ctx.forces], first)
        groups = _local([(h.start, h.end) for h in self.ctx.groups], first)
        if is_state_operation(first.text, 0, states, groups):
            return []
        year = self.ctx.year
        undated = DatePhrase("", 0, 0, f"{year:04d}", None, DatePrecision.YEAR, None)
        anchor = Anchor(undated, 0, len(first.text), True)
        rest = [LocatedSentence(key, s) for s in sentences[1:]]
        return [_Clause(LocatedSentence(key, first), anchor, undated, rest, True)]


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


def _priority(clause: _Clause) -> int:
    """The incident list first, then its lead-in, then the other sections: an event told in
    several places is kept where the list tells it."""
    if clause.listed:
        return 0 if clause.main.sentence.bullet is not None else 1
    return 2


def _groups_in(hits: list[NameHit], start: int, end: int) -> list[str]:
    out: list[str] = []
    for hit in hits:
        if start <= hit.start < end and hit.entry_id not in out:
            out.append(hit.entry_id)
    return out


def _target(segment: str, offset: int, ctx: Context) -> Target:
    """The target the attack's own clause names: a target word, or a state force attacked
    ("a KDF base"); not what a later clause says ("; AMISOM later retook the town")."""
    clause = segment.split(";", 1)[0]
    forces = [(s - offset, t) for s, e, t in ctx.forces if offset <= s < offset + len(clause)]
    return classify_target(clause, forces, foreign=_foreign_victims(clause, ctx))


_PERSONS = (
    r"(?:citizens?|nationals?|wom[ae]n|m[ae]n|tourists?|workers?|"
    r"engineers?|geologists?|journalists?|photographers?|priests?|nuns?|missionar(?:y|ies)|"
    r"hostages?|employees?|diplomats?|teachers?|contractors?|doctors?|nurses?|pilgrims|"
    r"visitors|expatriates?|students?|businessm[ae]n|volunteers?|team|players?)\b"
)
_PERSON_AFTER = re.compile(r"\s+(?:[a-z-]+\s+){0,2}" + _PERSONS)
_ANY_PERSON = re.compile(r"\b" + _PERSONS)


def _foreign_victims(clause: str, ctx: Context) -> bool:
    """The clause names victims of another country: a demonym or country name of its own
    before a person ("a French woman", "two Spanish aid workers", "German hostage")."""
    if ctx.terms is None or _ANY_PERSON.search(clause) is None:
        return False  # no person named: no need to look for countries
    return any(
        country not in (NEUTRAL, ctx.country) and _PERSON_AFTER.match(clause, match.end())
        for match, country in ctx.terms.find(clause)
    )


def _incident(clause: _Clause, ctx: Context, taken: Ids) -> Incident:
    main = clause.main.sentence
    anchor = clause.anchor
    segment = main.text[anchor.start : anchor.end]
    context = " ".join(s.sentence.text for s in clause.follow)
    whole = f"{segment} {context}".strip()
    span_start = main.start + anchor.start
    span_end = clause.follow[-1].sentence.end if clause.follow else main.start + anchor.end
    blocked = [(s - span_start, e - span_start) for s, e in ctx.blocked]
    place = find_place(segment, ctx.countries, blocked, ctx.places, ctx.country)
    figures = f"{segment} {context}".strip()
    if clause.share[1] > 1:
        place, figures = _respectively(segment, place, clause.share, blocked, ctx)
    # "Boko Haram carried out suicide attacks, including June 15, when ...": the instance is
    # the sentence's subject's doing.
    head = main.text[: anchor.start]
    doers_from = main.start if _INCLUDING.search(head) else span_start
    perpetrators = _groups_in(ctx.groups, doers_from, span_end)
    tolls = read_tolls(figures)
    kind = classify_kind(segment, context)
    where = place.place or place.country or "unknown"
    ident = f"{clause.date.date}-{slugify(where)}-{kind.value}"
    return Incident(
        id=taken.claim(ident),
        date=clause.date.date,
        date_end=clause.date.date_end,
        date_precision=clause.date.precision,
        date_text=clause.date.text or str(ctx.year),
        place=place.place,
        place_canonical=place.canonical,
        region=place.region,
        country=place.country or ctx.country,
        kind=kind,
        target=_target(segment, span_start, ctx),
        perpetrators=perpetrators,
        attribution=classify_attribution(whole, bool(perpetrators)),
        evidence=clause.main.evidence(),
        **tolls.as_fields(),  # type: ignore[arg-type]
    )


def _respectively(
    segment: str,
    place: Place,
    share: tuple[int, int],
    blocked: list[tuple[int, int]],
    ctx: Context,
) -> tuple[Place, str]:
    """One of several dates that open one sentence: its own place when the sentence names as
    many towns ("On July 25 and July 26, blasts struck Bangalore and Ahmedabad"), and the
    clauses that are its own: a clause naming another date's town is that date's ("the
    Ahmedabad bombings killed 56"); a figure of no town's is the first date's (a total given
    once is counted once)."""
    index, count = share
    towns = [
        c
        for c in place_candidates(segment, ctx.countries, blocked, ctx.places, ctx.country)
        if c.place is not None and not c.wide
    ]
    if len(towns) == count:
        place = replace(towns[index], country=towns[index].country or place.country)
    names = [t.written or "" for t in towns] if len(towns) == count else []
    clauses = re.split(r"(?<=;)\s+", segment)
    mine = [c for c in clauses if (_owner(c, names) or 0) == index]
    return place, " ".join(mine)


def _owner(clause: str, names: list[str]) -> int | None:
    """The date whose town a clause names, if it names just one."""
    owners = [n for n, name in enumerate(names) if name and name in clause]
    return owners[0] if len(owners) == 1 else None


def _same_event(a: Incident, b: Incident) -> bool:
    """One event told twice: same day (or month, when one gives only the month), places that
    agree, are not both given, or are not two different towns of the table ("the March 7
    attack on La Terrasse" is the bullet's attack on La Terrasse in Bamako)."""
    if a.date_precision is DatePrecision.YEAR or b.date_precision is DatePrecision.YEAR:
        return False
    short = min(len(a.date), len(b.date))
    if a.date[:short] != b.date[:short]:
        return False
    if a.place is None or b.place is None:
        return True
    if same_place(a.place_canonical or a.place, b.place_canonical or b.place):
        return True
    if a.place_canonical is not None and b.place_canonical is not None:
        return False
    return (
        a.place in b.evidence.sentence or b.place in a.evidence.sentence or a.country == b.country
    )


def _primary(report: CountryReport) -> Section | None:
    return report.section("incidents") or report.section("body")


def extract_incidents(report: CountryReport, ctx: Context) -> list[Incident]:
    """Every incident of the report year, once: the incidents section's first, then those
    other sections tell that the list does not."""
    reader = _Reader(ctx)
    primary = _primary(report)
    clauses = reader.section(primary, listed=True) if primary is not None else []
    for section in report.sections:
        if section is not primary:
            clauses += reader.section(section, listed=False)
    taken = Ids()
    kept: list[Incident] = []
    told: list[tuple[int, int]] = []
    """(sentence start, index in kept): every sentence that tells a kept incident."""
    for clause in sorted(clauses, key=_priority):
        incident = _incident(clause, ctx, taken)
        same = next((n for n, other in enumerate(kept) if _same_event(incident, other)), None)
        if _priority(clause) > 0 and same is not None:
            taken.discard(incident.id)
            told.append((clause.main.sentence.start, same))
            continue
        told.append((clause.main.sentence.start, len(kept)))
        kept.append(incident)
    kept = _collective_attribution(report, ctx, kept, told)
    return sorted(kept, key=lambda i: (i.evidence.section != "incidents", i.evidence.start))


_COLLECTIVE = re.compile(
    r"\b(?P<which>these|those|the|both|(?:all|each) of (?:these|the|those))\s+"
    r"(?:[\w-]+\s+){0,2}?(?P<noun>attacks?|bombings?|kidnappings?|abductions?|incidents?|"
    r"blasts?|explosions?)\b",
    re.IGNORECASE,
)
_COLLECTIVE_NOUN = re.compile(
    r"attacks?\b|bombings?\b|kidnappings?\b|abductions?\b|incidents?\b|blasts?\b|explosions?\b"
)
_NOUN_KINDS = {
    "bomb": (IncidentKind.BOMBING, IncidentKind.SUICIDE_OR_VBIED),
    "blas": (IncidentKind.BOMBING, IncidentKind.SUICIDE_OR_VBIED),
    "expl": (IncidentKind.BOMBING, IncidentKind.SUICIDE_OR_VBIED),
    "kidn": (IncidentKind.KIDNAPPING,),
    "abdu": (IncidentKind.KIDNAPPING,),
}


def _collective_attribution(
    report: CountryReport, ctx: Context, kept: list[Incident], told: list[tuple[int, int]]
) -> list[Incident]:
    """A sentence that attributes several incidents at once: "Kenyan security officials
    suspected AS of involvement in each of these attacks" (after the list), "Indonesian
    authorities attributed the bombings to ... JI" (after the sentence that told them). It
    names the perpetrators of those of them that name none."""
    out = list(kept)
    for section in report.sections:
        previous: Sentence | None = None
        for sentence in section.sentences:
            named = _COLLECTIVE_NOUN.search(sentence.text)  # cheap test first
            found = _COLLECTIVE.search(sentence.text) if named else None
            groups = _groups_in(ctx.groups, sentence.start, sentence.end) if found else []
            attribution = classify_attribution(sentence.text, True) if groups else None
            if found is None or attribution in (None, Attribution.UNKNOWN):
                previous = sentence
                continue
            if found["which"].lower() == "the":
                scope = (
                    previous.start
                    if previous is not None and previous.paragraph == sentence.paragraph
                    else -1
                )
                targets = {n for at, n in told if at == scope}
            else:
                targets = {
                    n
                    for n, i in enumerate(out)
                    if i.evidence.section == section.key and i.evidence.start < sentence.start
                }
            kinds = _NOUN_KINDS.get(found["noun"].lower()[:4])
            for n in targets:
                if not out[n].perpetrators and (kinds is None or out[n].kind in kinds):
                    out[n] = out[n].model_copy(
                        update={"perpetrators": groups, "attribution": attribution}
                    )
            previous = sentence
    return out


def extract_aggregates(report: CountryReport, ctx: Context) -> list[AggregateToll]:
    """Summary figures over a period in the incidents section (lead-in and bullets):
    "through December, IEDs had killed 10 soldiers"."""
    section = report.section("incidents")
    if section is None:
        return []
    out = []
    for sentence in section.sentences:
        anchors = find_anchors(sentence.text, ctx.year, bullet=sentence.bullet is not None)
        closes = any(period_dated(sentence.text, a) for a in anchors)
        if sentence.bullet is not None and not closes:
            continue
        if not closes and not _PERIOD.search(sentence.text):
            continue
        day = next((a for a in anchors if a.date.precision is DatePrecision.DAY), None)
        if day is not None and not period_dated(sentence.text, day):
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
    if located.section == "incidents" or phrase.precision is not DatePrecision.DAY:
        return None, None
    place = find_place(text[phrase.start :], ctx.countries, places=ctx.places, home=ctx.country)
    if place.country is not None and place.country != ctx.country:
        return ReferenceReason.OTHER_COUNTRY, place.country
    return None, None
