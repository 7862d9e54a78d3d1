"""Counts the text gives for killings, disappearances and political prisoners, with qualifiers:
"at least 26 individuals" is a lower bound, "dozens" is reported without a number, and "there
were no reports of political prisoners" is a count of none, said as such."""

import re
from dataclasses import dataclass

from crtdiff.extract.evidence import LocatedSentence, SentenceIndex
from crtdiff.extract.numbers import NUMBER, parse_number
from crtdiff.schemas import CountryReport
from crtdiff.schemas.series import CountKind, CountQualifier, ReportedCount

_QUALIFIERS = {
    "at least": CountQualifier.AT_LEAST,
    "a minimum of": CountQualifier.AT_LEAST,
    "more than": CountQualifier.MORE_THAN,
    "over": CountQualifier.MORE_THAN,
    "approximately": CountQualifier.ABOUT,
    "about": CountQualifier.ABOUT,
    "nearly": CountQualifier.ABOUT,
    "almost": CountQualifier.ABOUT,
    "an estimated": CountQualifier.ABOUT,
    "roughly": CountQualifier.ABOUT,
    "as many as": CountQualifier.UP_TO,
    "up to": CountQualifier.UP_TO,
}
_QUALIFIER = "|".join(sorted(_QUALIFIERS, key=len, reverse=True))
_VAGUE = r"dozens|hundreds|thousands|scores|numerous|several"
# A figure: an optional qualifier and a written number, not a date, an age or a year.
_MONTH = r"January|February|March|April|May|June|July|August|September|October|November|December"
_FIGURE = (
    rf"(?<!\w)(?P<qualifier>(?:{_QUALIFIER})\s+)?(?P<number>{NUMBER}|{_VAGUE})"
    r"(?![\d,]*-year)(?!\s+(?:percent|years?|months?|days?|weeks?|hours?)\b)"
)
# Up to four words between the figure and what it counts, none of them another figure or a
# coordination ("333 civilians were killed and 175 injured": 175 is not a count of killings).
_WORDS = r"(?:(?!(?:and|or|but|injured|wounded|\d[\d,]*)\b)[\w’'-]+\s+){0,4}?"
_RULES: dict[CountKind, tuple[str, ...]] = {
    CountKind.KILLINGS: (
        rf"{_FIGURE}\s+{_WORDS}(?:were\s+|had\s+been\s+|was\s+)?(?:killed|executed|dead)\b",
        rf"{_FIGURE}\s+{_WORDS}(?:killings|deaths|fatalities|executions)\b",
        rf"\b(?:killing|killed|executed|massacred)\s+{_FIGURE}\b",
        rf"\b(?:killing|killings|deaths?|murders?)\s+of\s+{_FIGURE}\b",
    ),
    CountKind.DISAPPEARANCES: (
        rf"{_FIGURE}\s+{_WORDS}(?:disappearances|abductions|kidnappings)\b",
        rf"{_FIGURE}\s+{_WORDS}(?:were\s+)?(?:abducted|kidnapped|forcibly\s+disappeared|missing)\b",
        rf"\b(?:abducted|kidnapped|disappeared)\s+{_FIGURE}\b",
    ),
    CountKind.POLITICAL_PRISONERS: (rf"{_FIGURE}\s+{_WORDS}political\s+(?:prisoners|detainees)\b",),
}
_COMPILED = {
    kind: tuple(re.compile(r, re.IGNORECASE) for r in rules) for kind, rules in _RULES.items()
}
# "There were no reports of political prisoners", "There were reports of disappearances".
_STATEMENT = re.compile(
    r"\bThere\s+(?:were|was)\s+(?P<none>no\s+)?(?:(?P<vague>numerous|several|many|some|"
    r"credible|multiple)\s+)?(?:credible\s+)?reports?\s+(?:of|that)\b(?P<rest>.*)",
    re.IGNORECASE,
)
_STATEMENT_KIND = {
    CountKind.KILLINGS: re.compile(r"\bkillings?\b", re.IGNORECASE),
    CountKind.DISAPPEARANCES: re.compile(r"\bdisappearances?\b", re.IGNORECASE),
    CountKind.POLITICAL_PRISONERS: re.compile(r"\bpolitical\s+(?:prisoners|detainees)\b", re.I),
}
_YEAR_LIKE = re.compile(r"^(?:19|20)\d\d$")
_AFTER_MONTH = re.compile(rf"(?:{_MONTH})\s*$")
_CUE = re.compile(r"kill|execut|dead|death|fatalit|disappear|abduct|kidnap|missing|political", re.I)


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    count: ReportedCount


def _figure(match: re.Match[str]) -> tuple[int | None, CountQualifier, str] | None:
    number = match.group("number")
    if _YEAR_LIKE.match(number) or _AFTER_MONTH.search(match.string[: match.start("number")]):
        return None
    qualifier_text = (match.group("qualifier") or "").strip().lower()
    value = parse_number(number)
    if value is None or number.lower() in ("dozens of", "several dozen"):
        return None, CountQualifier.UNQUANTIFIED, match.group(0).strip()
    qualifier = _QUALIFIERS.get(" ".join(qualifier_text.split()), CountQualifier.EXACT)
    quantity = " ".join(p for p in (qualifier_text, number) if p)
    return value, qualifier, quantity


def _counts_in(located: LocatedSentence) -> list[ReportedCount]:
    text = located.sentence.text
    if not _CUE.search(text):
        return []
    found: list[_Found] = []
    for kind, patterns in _COMPILED.items():
        for pattern in patterns:
            for match in pattern.finditer(text):
                figure = _figure(match)
                start = match.start("number")
                if figure is None or any(f.start <= start < f.end for f in found):
                    continue
                value, qualifier, quantity = figure
                count = ReportedCount(
                    kind=kind,
                    figure=value,
                    qualifier=qualifier,
                    quantity=quantity,
                    evidence=located.evidence(),
                )
                found.append(_Found(start, match.end("number"), count))
    statement = _STATEMENT.search(text)
    if statement is not None:
        for kind, words in _STATEMENT_KIND.items():
            if not words.search(statement.group("rest")) or any(
                f.count.kind is kind for f in found
            ):
                continue
            none = statement.group("none") is not None
            quantity = "no reports" if none else f"{statement.group('vague') or ''} reports".strip()
            found.append(
                _Found(
                    statement.start(),
                    statement.end(),
                    ReportedCount(
                        kind=kind,
                        figure=0 if none else None,
                        qualifier=CountQualifier.NONE_REPORTED
                        if none
                        else CountQualifier.UNQUANTIFIED,
                        quantity=quantity,
                        evidence=located.evidence(),
                    ),
                )
            )
    return [f.count for f in sorted(found, key=lambda f: f.start)]


def extract_counts(
    report: CountryReport, index: SentenceIndex | None = None
) -> list[ReportedCount]:
    """Every count of killings, disappearances and political prisoners, in text order."""
    index = index or SentenceIndex(report)
    return [count for located in index.sentences for count in _counts_in(located)]
