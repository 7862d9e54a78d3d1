"""Which country a chapter's text is about, judged from the places and government it names.

A title can be missing or wrong (a Mali chapter added as "Niger"); the text cannot hide its
country: it names its towns, its capital, its people and above all its government ("the
Government of Mali", "Malian authorities"). The judgement is made only when it is clear.
"""

import re
from collections import Counter
from dataclasses import dataclass

from crtdiff.reference.country_terms import NEUTRAL, CountryTerms

GOVERNMENT_WEIGHT = 3
"""A mention as the acting state ("the Government of Mali") counts this many plain mentions."""
MIN_SCORE = 8
"""Least score of the leading country for a judgement: short texts name too little."""
MARGIN = 3
"""The leading country must score this many times the next one."""
NOT_A_SUBJECT = frozenset({"United States"})
"""Named in every chapter as the partner (no CRT chapter covers it): never the text's subject."""

_GOVERNMENT_BEFORE = re.compile(
    r"(?:Government|government|Republic|President|Parliament) of (?:the )?$"
)
_GOVERNMENT_AFTER = re.compile(
    r"^(?:['’]s)? (?:government|Government|authorities|security forces|Armed Forces|armed forces|"
    r"military|army|police|courts|judiciary|officials|gendarmerie|Gendarmerie|National Assembly|"
    r"parliament|Parliament|president|President)\b"
)


@dataclass(frozen=True)
class Subject:
    """Scores of the countries a text names; `country` when one clearly leads."""

    scores: dict[str, int]
    country: str | None

    def describe(self, country: str) -> str:
        """How strongly the text names a country: `Mali 57, Niger 4`."""
        return f"{country} {self.scores.get(country, 0)}"


def judge_subject(text: str, terms: CountryTerms) -> Subject:
    """Score each country the text names (the state acting counts more) and pick a clear lead."""
    scores: Counter[str] = Counter()
    for match, country in terms.find(text):
        if country == NEUTRAL or country in NOT_A_SUBJECT:
            continue
        before = text[max(0, match.start() - 30) : match.start()]
        after = text[match.end() : match.end() + 30]
        acting = _GOVERNMENT_BEFORE.search(before) or _GOVERNMENT_AFTER.match(after)
        scores[country] += GOVERNMENT_WEIGHT if acting else 1
    ranked = scores.most_common(2)
    lead = None
    if ranked and ranked[0][1] >= MIN_SCORE:
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        if ranked[0][1] >= MARGIN * runner_up:
            lead = ranked[0][0]
    return Subject(dict(scores), lead)
