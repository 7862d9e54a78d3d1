"""Aggregate tolls: summary figures over a period in the incidents section ("through December,
IEDs had killed 10 soldiers"), kept apart from incidents."""

from crtdiff.extract.attacks import (
    find_anchors,
    period_dated,
)
from crtdiff.extract.clauses import names_period
from crtdiff.extract.evidence import LocatedSentence
from crtdiff.extract.incident_context import Context
from crtdiff.extract.tolls import read_tolls
from crtdiff.schemas import (
    AggregateToll,
    CountryReport,
    DatePrecision,
)


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
        if not closes and not names_period(sentence.text):
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
