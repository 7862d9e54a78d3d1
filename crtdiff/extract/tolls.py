"""Casualty figures: killed, wounded and kidnapped as lower bounds, perpetrators left out."""

import re
from dataclasses import dataclass, field

from crtdiff.extract.numbers import NUMBER, parse_number
from schemas import TollFlag

_QUAL = (
    r"(?P<q>at least|more than|over|nearly|almost|approximately|about|around|an estimated|"
    r"some|up to|as many as)?\s*"
)
_VERB_CLASS = {
    "killed": "killed",
    "dead": "killed",
    "died": "killed",
    "deaths": "killed",
    "fatalities": "killed",
    "killing": "killed",
    "wounded": "wounded",
    "injured": "wounded",
    "wounding": "wounded",
    "injuring": "wounded",
    "kidnapped": "kidnapped",
    "abducted": "kidnapped",
    "kidnapping": "kidnapped",
    "abducting": "kidnapped",
    "hostage": "kidnapped",
}
_WORD = r"(?:[\w’'-]|\.(?=\w)|(?<=\b[A-Z])\.)+"
"""A word of a victim phrase: inner dots ("U.S.") but never a sentence's final period."""
_AFTER_VERB = (
    r"(?P<verb>killed|dead|died|deaths|fatalities|wounded|injured|kidnapped|abducted|taken hostage)"
)
# "three French soldiers were killed", "at least 19 Malian soldiers killed and five kidnapped"
_COUNT_THEN_VERB = re.compile(
    rf"\b{_QUAL}(?P<n>{NUMBER})\s+(?P<who>(?:(?!and\b|or\b|while\b){_WORD}\s+){{0,5}}?)"
    rf"(?:(?:were|was|had been|have been|are|being)\s+)?(?:reportedly\s+|also\s+)?{_AFTER_VERB}\b",
    re.IGNORECASE,
)
# "killing 71 Nigerien soldiers", "wounding at least 50"
_VERB_THEN_COUNT = re.compile(
    rf"\b(?P<verb>killing|wounding|injuring|kidnapping|abducting|killed|wounded|injured|"
    rf"kidnapped|abducted)\s+{_QUAL}(?P<n>{NUMBER})\b"
    rf"(?P<who>(?:,?\s+(?!and\b|or\b|while\b){_WORD}){{0,4}})"
    rf"(?:,[^.;]{{0,40}}?,?\s+and\s+(?P<n2>{NUMBER})\s+(?P<who2>{_WORD}(?:\s+{_WORD}){{0,2}}))?",
    re.IGNORECASE,
)
# "a Swiss citizen was abducted", "an Australian employee ... was shot and killed"
_ONE_PERSON = re.compile(
    rf"\b(?:a|an|one)\s+(?P<who>(?:{_WORD}[\s,]+){{0,6}}?)(?:was|had been)\s+"
    r"(?:reportedly\s+|later\s+|also\s+)?(?:shot and\s+)?"
    r"(?P<verb>abducted|kidnapped|killed|wounded|injured|taken hostage)\b",
    re.IGNORECASE,
)
# "gunmen kidnapped Kirk Woodman", "abducted a Colombian nun"
_VERB_ONE = re.compile(
    r"\b(?P<verb>kidnapped|abducted)\s+(?P<who>(?:a|an)\s+\w+(?:\s+\w+)?|"
    r"[A-Z][a-z]+\s+[A-Z][a-z]+)\b"
)
_PERPETRATOR = re.compile(
    r"attacker|assailant|militant|terrorist|bomber|gunm[ae]n|fighter|insurgent|suspect|"
    r"perpetrator|jihadist|extremist",
    re.IGNORECASE,
)
_REPORTING = re.compile(
    r"\b(?:claimed|reported|according to|other sources|media|estimated)\b", re.I
)
MAX_PLAUSIBLE_TOLL = 100_000
"""Above any figure a chapter could give for one attack or one period (the deadliest attack
on record killed about 3,000): a larger figure is a typo or a hostile text, and is left out,
with a warning, rather than summed into totals (or overflow a 64-bit table column)."""
_ESTIMATED = ("an estimated", "approximately", "about", "around", "some", "nearly", "almost")
_AT_LEAST = ("at least", "more than", "over", "up to", "as many as")


@dataclass
class Tolls:
    """Lower bounds per class; None when the text gives no figure."""

    killed: int | None = None
    wounded: int | None = None
    kidnapped: int | None = None
    flags: set[TollFlag] = field(default_factory=set)
    victims: str | None = None
    """The first victim noun phrase seen ("UN peacekeepers")."""

    def as_fields(self) -> dict[str, object]:
        """Keyword arguments for the schema models."""
        return {
            "killed_min": self.killed,
            "wounded_min": self.wounded,
            "kidnapped_min": self.kidnapped,
            "toll_flags": sorted(self.flags, key=lambda f: f.value),
        }


@dataclass(frozen=True)
class _Count:
    klass: str
    value: int
    qualifier: str
    who: str
    reported: bool
    start: int


_LONG_NUMBER = re.compile(r"\d[\d,]{5,}")
"""Six digits or more: what a figure beyond MAX_PLAUSIBLE_TOLL needs (words stop at thousands)."""


def implausible_figures(text: str) -> list[tuple[str, int]]:
    """(class, figure) of every casualty figure of `text` beyond MAX_PLAUSIBLE_TOLL."""
    if _LONG_NUMBER.search(text) is None:  # the common case, without the toll patterns
        return []
    return [(c.klass, c.value) for c in _counts(text) if c.value > MAX_PLAUSIBLE_TOLL]


def _counts(text: str) -> list[_Count]:
    found: list[_Count] = []
    seen: set[tuple[int, str]] = set()
    for pattern in (_COUNT_THEN_VERB, _VERB_THEN_COUNT, _ONE_PERSON, _VERB_ONE):
        for m in pattern.finditer(text):
            groups = m.groupdict()
            who = (groups.get("who") or "").strip()
            if _PERPETRATOR.search(who):
                continue
            verb = m.group("verb").lower().split()[-1]
            value = parse_number(groups["n"]) if groups.get("n") else 1
            if value is None:
                continue
            klass = _VERB_CLASS[verb]
            if (m.start(), klass) in seen:
                continue
            extra = parse_number(groups["n2"]) if groups.get("n2") else None
            if extra is not None and not _PERPETRATOR.search(groups.get("who2") or ""):
                value += extra  # "killing 35 civilians, most of them women, and seven soldiers"
            seen.add((m.start(), klass))
            window = text[max(0, m.start() - 60) : m.start()]
            qualifier = (groups.get("q") or "").lower()
            found.append(
                _Count(klass, value, qualifier, who, bool(_REPORTING.search(window)), m.start())
            )
    return sorted(found, key=lambda c: c.start)


def read_tolls(text: str) -> Tolls:
    """Casualty figures of one incident's text.

    Two figures of one class are added when they count different victims ("two soldiers ...
    three civilians killed") and kept as competing, lowest first, when sources disagree.
    """
    tolls = Tolls()
    for count in _counts(text):
        if count.value > MAX_PLAUSIBLE_TOLL:
            continue  # warned about once per sentence by extract_facts
        if count.qualifier in _AT_LEAST:
            tolls.flags.add(TollFlag.AT_LEAST)
        elif count.qualifier in _ESTIMATED:
            tolls.flags.add(TollFlag.ESTIMATED)
        if tolls.victims is None and count.who:
            tolls.victims = count.who
        current = getattr(tolls, count.klass)
        if current is None:
            setattr(tolls, count.klass, count.value)
        elif count.reported:
            tolls.flags.add(TollFlag.COMPETING)
            setattr(tolls, count.klass, min(current, count.value))
        else:
            setattr(tolls, count.klass, current + count.value)
    return tolls
