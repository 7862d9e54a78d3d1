"""Aggregate tolls: summary figures over a period in the incidents section and the Overview
("through December, IEDs had killed 10 soldiers"), kept apart from incidents."""

import re

from crtdiff.extract.attacks import (
    find_anchors,
    names_event,
    period_dated,
)
from crtdiff.extract.clauses import names_period
from crtdiff.extract.dates import has_dates
from crtdiff.extract.evidence import LocatedSentence
from crtdiff.extract.incident_context import Context
from crtdiff.extract.numbers import NUMBER
from crtdiff.extract.tolls import read_tolls
from crtdiff.schemas import (
    AggregateToll,
    CountryReport,
    DatePrecision,
    Section,
)

_FIGURE = re.compile(rf"\b{NUMBER}\b(?!,? (?:19|20)\d\d\b)", re.IGNORECASE)
_NOT_FIGURE = re.compile(r"(?:19|20)\d\d")
"""A total is a figure written as one ("more than 400 people", "some 1,200"); a year is not,
nor is a day followed by its year."""


def extract_aggregates(report: CountryReport, ctx: Context) -> list[AggregateToll]:
    """Summary figures over a period in the incidents section (lead-in and bullets) and the
    Overview: "through December, IEDs had killed 10 soldiers", "al-Shabaab, which has killed
    more than 400 people in Kenya since ... October 2011"."""
    out: list[AggregateToll] = []
    for key in ("overview", "incidents"):
        section = report.section(key)
        if section is not None:
            out += _aggregates(section, ctx, overview=key == "overview")
    return out


def _aggregates(section: Section, ctx: Context, *, overview: bool) -> list[AggregateToll]:
    out = []
    for sentence in section.sentences:
        text = sentence.text
        # Cheap tests first (both kept per sentence text): a sentence with no date of the year
        # has no anchor, so only a period word can make it a total; the Overview's totals name
        # the events they count, and most of its sentences name none.
        dated = has_dates(text, ctx.year)
        if not dated and (sentence.bullet is not None or not names_period(text)):
            continue
        if overview and not names_event(text):
            continue
        anchors = find_anchors(text, ctx.year, bullet=sentence.bullet is not None) if dated else []
        closes = any(period_dated(sentence.text, a) for a in anchors)
        if sentence.bullet is not None and not closes:
            continue
        if not closes and not names_period(sentence.text):
            continue
        day = next((a for a in anchors if a.date.precision is DatePrecision.DAY), None)
        if day is not None and not period_dated(sentence.text, day):
            continue
        tolls = read_tolls(sentence.text)
        if tolls.killed is None and tolls.wounded is None and tolls.kidnapped is None:
            continue
        if not any(not _NOT_FIGURE.fullmatch(m.group()) for m in _FIGURE.finditer(sentence.text)):
            continue  # "its leader died in police custody": one death, not a period's figure
        out.append(
            AggregateToll(
                victims=tolls.victims or "people",
                evidence=LocatedSentence(section.key, sentence).evidence(),
                **tolls.as_fields(),  # type: ignore[arg-type]
            )
        )
    return out
