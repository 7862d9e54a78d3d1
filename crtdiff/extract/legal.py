"""Legal measures: laws, decrees, penal codes, states of emergency, convictions, strategies,
agreements, asset freezes and units created, with their status and date."""

import re
from dataclasses import dataclass

from crtdiff.extract.dates import DatePhrase, find_dates
from crtdiff.extract.evidence import LocatedSentence, SentenceIndex
from crtdiff.extract.ids import Ids
from crtdiff.text.normalize import slugify
from schemas import DatePrecision, LegalMeasure, LegalMeasureKind, LegalStatus

K = LegalMeasureKind


@dataclass(frozen=True)
class Rule:
    """A kind of measure: what names it, and what must be said of it to count as a measure."""

    kind: LegalMeasureKind
    cues: tuple[str, ...]
    """Word parts (lower case) of which every trigger match contains one: finding them costs
    a fraction of the trigger patterns, and most sentences have none."""
    trigger: re.Pattern[str]
    action: re.Pattern[str]


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_ACTION = (
    r"\b(?:pass(?:ed)?|adopt(?:ed)?|enact(?:ed)?|promulgat\w*|amend\w*|draft\w*|sign(?:ed)?|"
    r"approv\w*|validat\w*|ratif\w*|vot(?:ed|e)|entered into force|took effect|came into force|"
    r"implement\w*|extend\w*|renew\w*|declar\w*|impos\w*|lift\w*|introduc\w*|submit\w*|"
    r"establish\w*|creat\w*|launch\w*|issued|incorporated|finaliz\w*|finalis\w*|revis\w*|"
    r"criminaliz\w*|criminalis\w*|pending|announc\w*)"
)
# First matching rule wins for a sentence (a unit created by law is reported once, as the law).
RULES = [
    Rule(
        K.STATE_OF_EMERGENCY,
        ("emergency", "siege"),
        _re(r"state of (?:emergency|siege)"),
        _re(_ACTION),
    ),
    Rule(
        K.CONVICTION,
        ("convict", "sentenced", "guilty"),
        _re(r"\bconvict(?:ed|ions?)\b|\bsentenced\b|found guilty"),
        _re(
            r"\b(?:January|February|March|April|May|June|July|August|September|October|"
            r"November|December)\b|\bof [A-Z]\w+|\b\d+ (?:people|individuals|suspects|men)"
        ),
    ),
    Rule(
        K.STRATEGY,
        ("strategy", "plan"),
        _re(r"\b(?:national )?(?:strategy|action plan|national plan)\b"),
        _re(_ACTION),
    ),
    Rule(
        K.PENAL_CODE,
        ("code",),
        _re(r"penal code|criminal code|code of criminal procedure"),
        _re(_ACTION),
    ),
    Rule(K.DECREE, ("decree", "ordinance"), _re(r"\bdecree\b|\bordinance\b"), _re(_ACTION)),
    Rule(
        K.AGREEMENT,
        ("agreement", "memorandum", "mou", "protocol"),
        _re(r"\b(?:agreement|memorandum of understanding|MOU|protocol)\b"),
        _re(r"\bsign(?:ed|ing)?\b|\bconclud\w*|\bratif\w*"),
    ),
    Rule(
        K.ASSET_FREEZE,
        ("freez", "froze"),
        _re(
            r"freez(?:e|ing) (?:of )?(?:terrorist )?assets|froze\b.*assets|"
            r"asset[- ]freez"
        ),
        _re(_ACTION),
    ),
    Rule(
        K.LAW,
        ("law", "bill", "legislation", "act"),
        _re(r"\b(?:law|bill|legislation|act)\b(?! enforcement)(?<!rule of law)"),
        _re(_ACTION),
    ),
    Rule(
        K.UNIT,
        ("unit", "detachment", "force", "pole"),
        _re(r"\bunit\b|\bdetachment\b|\bjoint force\b|\btask force\b|judicial pole"),
        _re(r"\b(?:newly )?(?:establish\w*|creat\w*|set up|formed)"),
    ),
]

_STATUS = [
    (LegalStatus.SENTENCED, _re(r"\bsentenced\b|\bconvict")),
    (LegalStatus.DRAFTED, _re(r"\bdraft(?:ed|ing)?\b|being drafted")),
    (
        LegalStatus.PROPOSED,
        _re(
            r"\bpropos\w*|\bsubmitt\w*|\bintroduc\w*|\bpending\b|"
            r"under consideration"
        ),
    ),
    (LegalStatus.SIGNED, _re(r"\bsigned\b")),
    (LegalStatus.PASSED, _re(r"\bpassed\b|\bvoted\b")),
    (
        LegalStatus.ADOPTED,
        _re(
            r"\badopt\w*|\bvalidat\w*|\bapprov\w*|\bratif\w*|\benact\w*|"
            r"\bpromulgat\w*"
        ),
    ),
    (
        LegalStatus.IN_FORCE,
        _re(
            r"into force|took effect|\bin force\b|incorporated provisions|"
            r"\bestablish\w*|\bcreat\w*"
        ),
    ),
    (LegalStatus.EXTENDED, _re(r"\bextend\w*|\brenew\w*|\bprolong\w*")),
    (LegalStatus.IMPLEMENTED, _re(r"\bimplement\w*")),
]
_SUBJECT_STOP = re.compile(r"[;:]|\.(?=\s|$)|,\s+(?:which|and|but|as|while|however)\b")
_SUBJECT_WORDS = 14
_STOPWORDS = {"a", "an", "the", "its", "their", "first", "new", "of", "for", "and", "to", "on"}


def _status(text: str) -> LegalStatus | None:
    return next((status for status, pattern in _STATUS if pattern.search(text)), None)


_DETERMINERS = {
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "of",
    "to",
    "for",
    "on",
    "in",
    "with",
    "by",
    "and",
    "that",
    "which",
    "this",
    "these",
    "drafted",
    "adopted",
    "passed",
    "signed",
    "created",
}
_MODIFIERS_BACK = 3


def _subject_start(text: str, start: int) -> int:
    """Extend a subject backwards over its modifiers ("newly established antiterrorism unit")."""
    before = list(re.finditer(r"[A-Za-z-]+", text[:start]))
    for word in reversed(before[-_MODIFIERS_BACK:]):
        if word.group().lower() in _DETERMINERS or text[word.end() : start].strip(" -"):
            break
        start = word.start()
    return start


def _subject(text: str, start: int, year: int) -> str:
    tail = text[_subject_start(text, start) :]
    for date in reversed(find_dates(tail, year)):
        tail = tail[: date.start] + tail[date.end :]
    tail = re.sub(r"\s+(?:on|in)\s*,?\s*(?=,|that\b)", " ", tail)
    tail = re.sub(r"\s*,\s*,", ",", tail).replace(" ,", ",")
    stop = _SUBJECT_STOP.search(tail)
    phrase = tail[: stop.start()] if stop else tail
    words = phrase.split()[:_SUBJECT_WORDS]
    return " ".join(words).rstrip(",")


def _ident(kind: LegalMeasureKind, subject: str, taken: Ids) -> str:
    words = [w for w in slugify(subject).split("-") if w and w not in _STOPWORDS][:6]
    return taken.claim(f"{kind.value}-{'-'.join(words) or 'measure'}")


_BARE_YEAR = re.compile(r"\b(?:in|since|of|from)\s+((?:19|20)\d\d)\b")
_EVENT_AFTER = re.compile(r"^,?\s*(?:\d{4},?\s*)?(?:terrorist\s+)?(?:attack|bombing|kidnapping)")


def _measure_date(text: str, year: int) -> DatePhrase | None:
    """The measure's date: the first date not naming an attack, else a bare year ("in 2013")."""
    for phrase in find_dates(text, year):
        if not _EVENT_AFTER.match(text[phrase.end :]):
            return phrase
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


_ANY_CUE = re.compile("(?=(" + "|".join(re.escape(c) for rule in RULES for c in rule.cues) + "))")
"""Every cue, overlapping ones included, in one pass over the lower-cased sentence."""


def cued_rules(text: str) -> list[Rule]:
    """The rules whose cue words the sentence contains (the only ones that can trigger)."""
    found = set(_ANY_CUE.findall(text.lower()))
    if not found:
        return []
    return [rule for rule in RULES if not found.isdisjoint(rule.cues)]


def _measure(located: LocatedSentence, year: int, taken: Ids) -> LegalMeasure | None:
    text = located.sentence.text
    rules = cued_rules(text)
    if not rules or _DUTY.search(text):
        return None  # nothing legal named; or who is in charge of a measure, not a measure
    for rule in rules:
        trigger = rule.trigger.search(text)
        if trigger is None or not rule.action.search(text):
            continue
        date = _measure_date(text, year)
        status = _status(text)
        subject = _subject(text, trigger.start(), year)
        when = f" ({date.text})" if date else ""
        label = rule.kind.value.replace("_", " ")
        summary = f"{label.capitalize()}{' ' + status.value.replace('_', ' ') if status else ''}"
        return LegalMeasure(
            id=_ident(rule.kind, subject, taken),
            kind=rule.kind,
            status=status,
            date=date.date if date else None,
            date_precision=date.precision if date else None,
            subject=subject,
            summary=f"{summary}{when}: {subject}",
            evidence=located.evidence(),
        )
    return None


def extract_legal_measures(index: SentenceIndex, year: int) -> list[LegalMeasure]:
    """Every sentence that records a legal or policy measure, one measure per sentence."""
    taken = Ids()
    out = []
    for located in index.sentences:
        if located.section == "incidents":
            continue
        measure = _measure(located, year, taken)
        if measure is not None:
            out.append(measure)
    return out
