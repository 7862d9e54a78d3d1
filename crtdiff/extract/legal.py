"""Legal measures: laws, decrees, penal codes, states of emergency, convictions, strategies,
agreements, asset freezes and units created, with their status and date."""

import re
from dataclasses import dataclass
from functools import lru_cache

from crtdiff.extract.dates import DatePhrase, find_dates
from crtdiff.extract.evidence import LocatedSentence, SentenceIndex
from crtdiff.extract.ids import Ids
from crtdiff.extract.legal_rules import cued_rules
from crtdiff.extract.legal_status import measure_status
from crtdiff.extract.legal_subject import clause_span, measure_id, measure_subject, summary_span
from crtdiff.schemas import DatePrecision, LegalMeasure, LegalMeasureKind, LegalStatus

_BARE_YEAR = re.compile(r"\b(?:in|since|of|from)\s+((?:19|20)\d\d)\b")
_EVENT_AFTER = re.compile(r"^,?\s*(?:\d{4},?\s*)?(?:terrorist\s+)?(?:attack|bombing|kidnapping)")
_UNTIL = re.compile(r"\b(?:until|till|through|to)\s+$")
"""A date a measure runs to ("extended until March 31, 2016") is no date of the measure."""


_YEAR_BEFORE = re.compile(r"\b((?:19|20)\d\d)(?:[’']s)?\s+(?:[\w’'-]+\s+){0,2}$")
"""A year that names the measure: "its 2008 law", "Egypt’s 2015 counterterrorism law"."""
_YEAR_NAMED = re.compile(
    r"\b((?:19|20)\d\d)\s+(?:[a-z][\w-]*\s+){0,3}(?:law|act|code|ordinance|decree|strategy|"
    r"plan|agreement|convention|constitution)\b",
    re.IGNORECASE,
)
"""A year that names a law of the sentence ("its 2012 terrorism law allows the freezing of
assets")."""


def _measure_date(text: str, year: int, trigger: int) -> DatePhrase | None:
    """The measure's date: the first date not naming an attack, else the year in its name
    ("its 2008 law"), else a bare year ("in 2013")."""
    for phrase in find_dates(text, year):
        if not _EVENT_AFTER.match(text[phrase.end :]) and not _UNTIL.search(text[: phrase.start]):
            return phrase
    named = _YEAR_BEFORE.search(text, 0, trigger) or _YEAR_NAMED.search(text)
    if named is not None:
        value = named.group(1)
        return DatePhrase(
            value, named.start(1), named.end(1), value, None, DatePrecision.YEAR, int(value)
        )
    bare = _BARE_YEAR.search(text)
    if bare is None:
        return None
    value = bare.group(1)
    return DatePhrase(
        value, bare.start(1), bare.end(1), value, None, DatePrecision.YEAR, int(value)
    )


_DUTY = re.compile(
    r"\b(?:is|are) responsible for|\bhas the responsibility|\bhave the responsibility"
)


@dataclass(frozen=True)
class MeasureReading:
    """What one sentence says of a measure."""

    kind: LegalMeasureKind
    status: LegalStatus | None
    date: DatePhrase | None
    subject: str
    summary: str


_NEGATION = re.compile(r"\b(?:not|no|never|without|lack\w*|fail\w* to)\b(?:\s+[\w’'-]+){0,3}\s*$")


def _said(action: re.Pattern[str], text: str, start: int, end: int) -> bool:
    """The clause says the measure happened or holds: an action of the rule that is not
    negated ("had not yet adopted", "had no law criminalizing"); when no action stands in
    the clause, the sentence's action elsewhere counts."""
    found = list(action.finditer(text, start, end))
    if not found:
        return True
    return any(not _NEGATION.search(text, max(start, m.start() - 40), m.start()) for m in found)


def read_measure(text: str, year: int) -> MeasureReading | None:
    """The measure a sentence records, if any: the first rule whose trigger and action it
    holds; subject and summary are spans of the sentence's own words."""
    found = _find_measure(text)
    if found is None:
        return None
    kind, status, trigger, summary = found
    return MeasureReading(
        kind=kind,
        status=status,
        date=_measure_date(text, year, trigger),
        subject=measure_subject(text, trigger, year),
        summary=summary,
    )


@lru_cache(maxsize=8192)
def _find_measure(text: str) -> tuple[LegalMeasureKind, LegalStatus | None, int, str] | None:
    """What of a sentence's measure does not depend on the report year (its kind, status,
    trigger offset and summary): most sentences carry over from year to year, so it is read
    once per process."""
    rules = cued_rules(text)
    if not rules or _DUTY.search(text):
        return None  # nothing legal named; or who is in charge of a measure, not a measure
    for rule in rules:
        if rule.trigger.search(text) is None or rule.action.search(text) is None:
            continue
        triggers = list(rule.trigger.finditer(text))
        # The name whose own clause says what happened to it: "Kenya did not have a ...
        # law; a draft ... Bill, prepared during the year, had not been sent to Parliament".
        trigger = next(
            (t for t in triggers if rule.action.search(text, *clause_span(text, t))), triggers[0]
        )
        start, end = clause_span(text, trigger)
        if not _said(rule.action, text, start, end):
            continue  # "Mali had not yet adopted a strategy", "had no law criminalizing ..."
        where = (trigger.start() - start, trigger.end() - start)
        first, last = summary_span(text, trigger, rule.action)
        status = measure_status(rule.kind, text[start:end], where)
        return rule.kind, status, trigger.start(), text[first:last]
    return None


def _measure(located: LocatedSentence, year: int, taken: Ids) -> LegalMeasure | None:
    reading = read_measure(located.sentence.text, year)
    if reading is None:
        return None
    date = reading.date
    return LegalMeasure(
        id=measure_id(reading.kind, reading.subject, taken),
        kind=reading.kind,
        status=reading.status,
        date=date.date if date else None,
        date_precision=date.precision if date else None,
        subject=reading.subject,
        summary=reading.summary,
        evidence=located.evidence(),
    )


def extract_legal_measures(
    index: SentenceIndex, year: int, lists: frozenset[str] = frozenset({"incidents"})
) -> list[LegalMeasure]:
    """Every sentence that records a legal or policy measure, one measure per sentence; none
    in the incident list (`lists`: the sections that are one, under their own heading) nor in
    incident bullets. In a headless chapter the incidents paragraphs are only a topic, and
    can tell a measure ("President Zardari signed the Nizam-e-Adl Regulation")."""
    taken = Ids()
    out = []
    for located in index.sentences:
        if located.section in lists:
            continue
        if located.section == "incidents" and located.sentence.bullet is not None:
            continue
        measure = _measure(located, year, taken)
        if measure is not None:
            out.append(measure)
    return out
