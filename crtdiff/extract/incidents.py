"""Incidents of the report year, incidents only referenced, and aggregate tolls.

An incident is an attack dated in the report year: in the incidents section (its bullets, and
the dated events of its lead-in) and wherever else the chapter tells one (an attack described
only in the Overview is an incident of the year; its evidence keeps its section). One told in
two places is one incident. Hostage releases, period totals, a state's own operations and
background sentences are not incidents; earlier-year events and, outside the incident list,
other countries' events are references."""

import re
from dataclasses import replace
from functools import lru_cache

from crtdiff.extract.classify import classify_attribution, classify_kind, classify_target
from crtdiff.extract.clauses import INCLUDING, Clause, ClauseReader
from crtdiff.extract.ids import Ids
from crtdiff.extract.incident_context import Context
from crtdiff.extract.places import Place, find_place, place_candidates
from crtdiff.extract.tolls import read_tolls
from crtdiff.reference.country_terms import NEUTRAL
from crtdiff.reference.names import NameHit
from crtdiff.schemas import (
    Attribution,
    CountryReport,
    DatePrecision,
    Incident,
    IncidentKind,
    Section,
    Sentence,
    Target,
)
from crtdiff.text.normalize import slugify
from crtdiff.text.places import same_place


def _priority(clause: Clause) -> int:
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


def _incident(clause: Clause, ctx: Context, taken: Ids) -> Incident:
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
    doers_from = main.start if INCLUDING.search(head) else span_start
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
    reader = ClauseReader(ctx)
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


@lru_cache(maxsize=8192)
def _collective(text: str) -> tuple[str, str] | None:
    """The words of a phrase naming several incidents at once ("each of these attacks"):
    which, and the noun. Sentences carry over from year to year: read once per process."""
    if _COLLECTIVE_NOUN.search(text) is None:  # cheap test first
        return None
    found = _COLLECTIVE.search(text)
    return None if found is None else (found["which"], found["noun"])


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
            found = _collective(sentence.text)
            groups = _groups_in(ctx.groups, sentence.start, sentence.end) if found else []
            attribution = classify_attribution(sentence.text, True) if groups else None
            if found is None or attribution in (None, Attribution.UNKNOWN):
                previous = sentence
                continue
            which, noun = found
            if which.lower() == "the":
                # The sentence before, in its paragraph or closing the paragraph just before
                # ("On January 15, gunmen kidnapped ... ¶ AQIM claimed the kidnapping").
                scope = (
                    previous.start
                    if previous is not None and sentence.paragraph - previous.paragraph in (0, 1)
                    else -1
                )
                targets = {n for at, n in told if at == scope}
            else:
                targets = {
                    n
                    for n, i in enumerate(out)
                    if i.evidence.section == section.key and i.evidence.start < sentence.start
                }
            kinds = _NOUN_KINDS.get(noun.lower()[:4])
            for n in targets:
                if not out[n].perpetrators and (kinds is None or out[n].kind in kinds):
                    out[n] = out[n].model_copy(
                        update={"perpetrators": groups, "attribution": attribution}
                    )
            previous = sentence
    return out
