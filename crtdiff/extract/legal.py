"""Legal measures: laws, decrees, penal codes, states of emergency, convictions, strategies,
agreements, asset freezes and units created, with their status and date."""

import re
from dataclasses import dataclass

from crtdiff.extract.cues import cue_automaton, cues_in
from crtdiff.extract.dates import MONTHS, DatePhrase, find_dates
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
    r"criminaliz\w*|criminalis\w*|pending|announc\w*|sent|strengthen\w*|toughen\w*)"
)
_HOLDS = (
    r"|\bremain\w* (?:in (?:force|effect|place)|pending|before|on|the (?:[\w’'-]+ ){0,3}"
    r"(?:basis|framework|law))\b|\brests? on\b|\ballows?\b|\bgives?\b|\bprovides?\b|"
    r"\bgoverns?\b|\bprosecut(?:es|ed|e|ing) (?:[\w-]+ ){0,6}?under\b|\bin (?:force|effect)\b|"
    r"\bprovided the (?:[\w’'-]+ ){0,2}(?:basis|framework)\b"
)
"""What a sentence says of a measure that holds ("remained in force", "rests on its 2008 law",
"allows the freezing of assets"): a measure too."""
_STANDING = _re(_ACTION + _HOLDS)
# First matching rule wins for a sentence (a unit created by law is reported once, as the law;
# a reparations order for a convicted man is the order, not a conviction).
RULES = [
    Rule(
        K.STATE_OF_EMERGENCY,
        ("emergency", "siege", "martial"),
        _re(
            r"state of (?:emergency|siege)|\bmartial law\b(?!\s+(?:administrator|administration|"
            r"authorit\w+|officials?|period|courts?)\b)"
        ),
        _re(_ACTION + _HOLDS + r"|\bunder\b"),
    ),
    Rule(
        K.REPARATIONS_ORDER,
        ("reparation",),
        _re(r"\breparations?\b"),
        _re(r"\border\w*|\bawarded\b|\bissu\w+|\bpay\b|\bconfirm\w*|\bupheld\b"),
    ),
    Rule(
        K.CONVICTION,
        ("convict", "sentenc", "guilty"),
        _re(
            r"\bconvict(?:ed|ions?)?\b(?!\s+(?:terrorists|militants|prisoners|criminals|offenders|"
            r"extremists|rates?)\b)|\bsentenced\b|found guilty|"
            r"\bsentenc(?:e|ing) (?:[\w’'-]+ ){1,4}?to (?:death|life|\d+|prison)"
        ),
        _re(
            r"\b(?:January|February|March|April|May|June|July|August|September|October|"
            r"November|December)\b|(?-i:\bof [A-Z]\w+)|\b\d+ (?:people|individuals|suspects|men)|"
            r"\bincluding\b|\bmembers of\b"
        ),
    ),
    Rule(
        K.ARREST_WARRANT,
        ("warrant", "arrest order"),
        _re(
            r"\b(?:arrest|international|search) warrants?\b|\bwarrants? for (?:the )?arrest|"
            r"\barrest orders?\b"
        ),
        _re(r"\bissu\w+|\bobtain\w*|\bexecut\w+|\bsought\b"),
    ),
    Rule(
        K.EXTRADITION,
        ("extradit", "surrender"),
        _re(r"\bextradit(?:ed|ing|e)\b|\bextradition of\b|\bsurrender(?:ed|ing) (?!to\b)"),
        _re(
            r"\bextradit(?:ed|ing)\b|\bextradition of\b.*\b(?:approv\w*|grant\w*|complet\w*)|"
            r"\bsurrender(?:ed|ing) (?!to\b)[\w’'-]+(?: [\w’'-]+){0,4} to\b"
        ),
    ),
    Rule(
        K.DESIGNATION,
        ("designat", "declar", "proscri", "list of foreign"),
        _re(
            r"\bdesignat(?:ed|ing)\b(?!\s+(?:a\s+)?(?:Foreign|terrorist|FTO)\b)|"
            r"\bdesignation of\b|"
            r"\bdeclar\w+ (?:[\w/’'-]+ ){1,5}?(?:an? )?terrorist organi[sz]ation|"
            r"\bproscri(?:bed|bes|be|ption of)\b|\blist of foreign terrorist organi[sz]ations"
        ),
        _re(r"terror|\bFTO\b|\bSDGT\b|sanction"),
    ),
    Rule(
        K.RATIFICATION,
        ("ratif", "accede", "accession"),
        _re(r"\bratif(?:ied|ies|y|ying|ication of)\b|\bacceded to\b|\baccession to\b"),
        _re(
            r"\b(?:conventions?|treat(?:y|ies)|protocols?|charter|agreements?|accords?|instruments?)\b"
        ),
    ),
    Rule(
        K.STRATEGY,
        ("strategy", "plan", "policy"),
        _re(
            r"\b(?:national )?(?:strategy|action plan|national plan)\b|"
            r"national policy (?:for|on)\b|"
            r"(?:billion|million) plan\b|\bplan to (?:fight|counter|combat|prevent)\b"
        ),
        _STANDING,
    ),
    Rule(
        K.PENAL_CODE,
        ("code",),
        _re(r"penal code|criminal code|code of criminal procedure"),
        _STANDING,
    ),
    Rule(
        K.DECREE,
        ("decree", "ordinance", "regulation", "banned", "prohibit", "outlaw"),
        _re(r"\bdecree\b|\bordinance\b|\bregulation\b|\b(?:banned|prohibited|outlawed)\b"),
        _re(
            _ACTION + _HOLDS + r"|(?-i:\b(?:President|Prime Minister|Minister|Governor)\b)|"
            r"\bgovernment\b|\bauthorities\b"
        ),
    ),
    Rule(
        K.AGREEMENT,
        ("agreement", "memorandum", "mou", "protocol", "cease", "peace "),
        _re(
            r"\b(?:agreement|memorandum of understanding|MOU|protocol)\b|\bcease-?fire\b|"
            r"\bpeace (?:deal|accord)\b"
        ),
        _re(r"\bsign(?:ed|ing)?\b|\bconclud\w*|\bratif\w*|\bagreed\b"),
    ),
    Rule(
        K.ASSET_FREEZE,
        ("freez", "froze", "circulat"),
        _re(
            r"freez(?:e|ing) (?:of )?(?:terrorist )?assets|froze\b.*assets|"
            r"asset[- ]freez|\bcirculat\w+ (?:[\w’'()-]+ ){0,10}?(?:list|names)\b"
        ),
        _re(_ACTION + _HOLDS + r"|\b1267\b|\bsanctions?\b|\bconsolidated\b"),
    ),
    Rule(
        K.LAW,
        ("law", "bill", "legislation", "act", "constitution"),
        _re(
            r"\b(?:law|bill|legislation|act)\b(?! enforcement)(?<!rule of law)|"
            r"\bconstitutional amendment"
        ),
        _STANDING,
    ),
    Rule(
        K.UNIT,
        ("unit", "detachment", "force", "pole"),
        _re(r"\bunit\b|\bdetachment\b|\bjoint force\b|\btask force\b|judicial pole"),
        _re(r"\b(?:newly )?(?:establish\w*|creat\w*|set up|formed)"),
    ),
]

_STRONG_STATUS = [
    (LegalStatus.EXTENDED, _re(r"\b\w+ed again\b|\bre-?promulgat\w*")),
    (
        LegalStatus.PROPOSED,
        _re(
            r"\b(?:draft|bill)s?\b.*\b(?:sent|submitt\w*|introduc\w*|tabled)\b|"
            r"\b(?:sent|submitt\w*|introduc\w*|tabled)\b.*\b(?:draft|bill)s?\b|"
            r"\bremain\w* (?:pending|before)\b|\bpending (?:before|in)\b|"
            r"before (?:the )?(?:National Assembly|Parliament|Congress|Senate)"
        ),
    ),
    (
        LegalStatus.IN_FORCE,
        _re(
            r"(?<!which )(?:came (?:fully )?into force|entered into force|took effect)|"
            r"\b(?:remain\w*|is|was) in (?:force|effect)\b|\brests? on\b|"
            r"\b(?:remain\w*|provided|provides|constitut\w+|serve[sd]?) (?:as )?the "
            r"(?:[\w’'-]+ ){0,3}(?:basis|law|framework)\b"
        ),
    ),
]
"""Statuses that hold whatever else the clause says ("passed in 2009, came into force")."""
_RELATIVE = re.compile(r"\b(?:that|which|who)\b")
_LEGISLATURE = re.compile(
    r"\b(?:National Assembly|Parliament|Congress|Senate|[Ll]egislature)\b(?:\s+\w+){0,2}\s+"
    r"(?:adopt|approv|enact)"
)
_NOT_SENT = _re(r"\bnot (?:yet )?(?:been )?(?:sent|submitt\w*|introduc\w*|presented|tabled)")
_STATUS = [
    (LegalStatus.DRAFTED, _re(r"\bdraft(?:ed|ing|s)?\b|being drafted")),
    (
        LegalStatus.PROPOSED,
        _re(r"\bpropos\w*|\bsubmitt\w*|\bintroduc\w*|\bpending\b|under consideration"),
    ),
    (LegalStatus.SIGNED, _re(r"\bsigned\b|\bagreed\b")),
    (LegalStatus.PASSED, _re(r"\bpassed\b|\bvoted\b|\bamended\b")),
    (
        LegalStatus.ADOPTED,
        _re(
            r"\badopt\w*|\bvalidat\w*|\bapprov\w*|\bratif\w*|\benact\w*|\bpromulgat\w*|"
            r"\bannounc\w*|\bbanned\b|\bprohibited\b|\boutlawed\b"
        ),
    ),
    (
        LegalStatus.IN_FORCE,
        _re(
            r"incorporated provisions|\bestablish\w*|\bcreat\w*|\bcriminaliz\w*|\bcriminalis\w*|"
            r"\ballows?\b|\bgives?\b|\bprovides?\b|\bprosecutes\b|\bremain\w*"
        ),
    ),
    (LegalStatus.EXTENDED, _re(r"\bextend\w*|\brenew\w*|\bprolong\w*")),
    (LegalStatus.IMPLEMENTED, _re(r"\bimplement\w*|\bcirculat\w*|\bprosecuted\b")),
]
"""The other statuses: the one said nearest the measure's name wins ("continued to implement
its peace agreement with the MILF, which signed ..." is implemented)."""
_SUBJECT_STOP = re.compile(r"[;:]|(?<![A-Z])\.(?=\s|$)|,\s+(?:which|and|but|as|while|however)\b")
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.)+[A-Z]$")
_SUBJECT_WORDS = 14
_SUBJECT_MIN_WORDS = 4
"""A date ends the subject only after this many words ("law on November 9, 2015, that defined
the composition" keeps its date; "unit took the lead in the investigation into the November 20,
2015, attack" stops before it)."""
_STOPWORDS = {"a", "an", "the", "its", "their", "first", "new", "of", "for", "and", "to", "on"}
_KIND_STATUS: dict[LegalMeasureKind, list[tuple[LegalStatus, re.Pattern[str]]]] = {
    K.CONVICTION: [(LegalStatus.SENTENCED, _re(r"\bsentenc(?:ed|e|ing)\b|\bconvict"))],
    K.STATE_OF_EMERGENCY: [
        (LegalStatus.EXTENDED, _re(r"\bextend\w*|\brenew\w*|\bprolong\w*")),
        (LegalStatus.IN_FORCE, _re(r"\bremain\w* in (?:effect|force|place)\b|\bunder\b")),
        (LegalStatus.ADOPTED, _re(r"\bdeclar\w*|\bimpos\w*")),
    ],
    K.REPARATIONS_ORDER: [
        (LegalStatus.IN_FORCE, _re(r"\bconfirm\w*|\bupheld\b")),
        (LegalStatus.ISSUED, _re(r"\border\w*|\bawarded\b|\bissu\w+")),
    ],
    K.ARREST_WARRANT: [(LegalStatus.ISSUED, _re(r"\bissu\w+|\bobtain\w*"))],
    K.EXTRADITION: [
        (LegalStatus.IMPLEMENTED, _re(r"\bextradited\b|\bsurrendered\b|\btransferred\b"))
    ],
    K.DESIGNATION: [
        (LegalStatus.IN_FORCE, _re(r"\bremain\w* (?:on|listed|designated)\b")),
        (LegalStatus.ADOPTED, _re(r"\bdesignat\w+|\bdeclar\w+|\bproscri\w+|\bplaced\b|\badded\b")),
    ],
}
"""Statuses of kinds of their own, tried first; a kind listed here has no other status (an
extradition happened or did not)."""


_ANY_STATUS = re.compile(
    "|".join(f"(?P<s{rank}>{pattern.pattern})" for rank, (_, pattern) in enumerate(_STATUS)),
    re.IGNORECASE,
)
"""Every status word of _STATUS in one pass over the clause (the group says which)."""


def _status(kind: LegalMeasureKind, clause: str, trigger: tuple[int, int]) -> LegalStatus | None:
    """The measure's status, read in its own clause: a status of its kind, then one that holds
    whatever else is said, then the status word nearest its name."""
    own = _KIND_STATUS.get(kind)
    if own is not None:
        return next((status for status, pattern in own if pattern.search(clause)), None)
    for status, pattern in _STRONG_STATUS:
        negated = status is LegalStatus.PROPOSED and _NOT_SENT.search(clause)
        if pattern.search(clause) and not negated:
            return status
    start, end = trigger
    nearest: tuple[int, int, LegalStatus] | None = None
    for match in _ANY_STATUS.finditer(clause):
        rank = int((match.lastgroup or "s0")[1:])
        status = _STATUS[rank][0]
        # The verb that governs the name comes before it ("amended the penal code to
        # criminalize ..."): a word after it counts as twice as far.
        if match.end() <= start:
            distance = start - match.end()
        else:
            # ... and one in a relative clause ("the penal code that criminalizes ...")
            # says what the measure does, not what happened to it.
            gap = clause[end : match.start()]
            distance = 2 * len(gap) + 1 + (100 if _RELATIVE.search(gap) else 0)
        if nearest is None or (distance, rank) < nearest[:2]:
            nearest = (distance, rank, status)
    if nearest is None:
        return None
    if nearest[2] is LegalStatus.ADOPTED and _LEGISLATURE.search(clause):
        return LegalStatus.PASSED  # a parliament that adopts a law votes it
    return nearest[2]


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
    "under",
    "at",
    "from",
    "into",
    "as",
    "against",
    "about",
    "over",
}
_MODIFIERS_BACK = 3
_TRAILING = re.compile(
    r"(?:[\s,;:.(\[“\"‘—–-]|\b(?:on|in|into|onto|of|for|to|and|or|the|a|an|by|with|that|from|at|as|about)\b)+$"
)
_LEADING = re.compile(r"^(?:[\s,;:.)\]”\"’—–-]|\b(?:and|but|however|while|whereas)\b)+", re.I)


def _subject_start(text: str, start: int) -> int:
    """Extend a subject backwards over its modifiers ("newly established antiterrorism unit")."""
    before = list(re.finditer(r"[A-Za-z-]+", text[:start]))
    for word in reversed(before[-_MODIFIERS_BACK:]):
        if word.group().lower() in _DETERMINERS or text[word.end() : start].strip(" -"):
            break
        start = word.start()
    return start


def _span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span narrowed to start and end on a word: no punctuation or dangling small word at
    its ends, never a word cut in two."""
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "’'-"):
        start -= 1
    while (
        end < len(text)
        and (text[end].isalnum() or text[end] in "’'")
        and text[end - 1 : end].isalnum()
    ):
        end += 1
    piece = text[start:end]
    lead = _LEADING.match(piece)
    if lead:
        start += lead.end()
    tail = _TRAILING.search(text[start:end])
    if tail and tail.start() > 0:
        end = start + tail.start()
    if _ABBREVIATION_END.search(text[start:end]) and text[end : end + 1] == ".":
        end += 1  # "U.S.", not "U.S"
    if text[start:end].count("(") > text[start:end].count(")") and ")" in text[end:]:
        end = text.index(")", end) + 1  # never leave a parenthesis open
    return start, end


def _subject(text: str, start: int, year: int) -> str:
    """What the measure is about: the trigger and its modifiers, up to the end of its phrase
    (or a date after its first words); a contiguous span of the sentence."""
    begin = _subject_start(text, start)
    tail = text[begin:]
    stop = _SUBJECT_STOP.search(tail)
    phrase = tail[: stop.start()] if stop else tail
    for date in find_dates(phrase, year):
        if len(phrase[: date.start].split()) >= _SUBJECT_MIN_WORDS:
            phrase = phrase[: date.start]
            break
    words = list(re.finditer(r"\S+", phrase))[:_SUBJECT_WORDS]
    end = begin + (words[-1].end() if words else 0)
    a, b = _span(text, begin, end)
    return text[a:b]


_CLAUSE_BREAK = re.compile(r";\s+|:\s+|,\s+(?:however|but|while|whereas|although)\b,?\s*", re.I)
_SUMMARY_WORDS = 45
_INTRO = re.compile(
    r"^(?:In accordance with|According to|Under|As part of|Pursuant to|In line with|Following|"
    r"After|Since|Despite|In addition to)\b[^,]{10,}?,\s+"
)


def _clause(text: str, trigger: re.Match[str]) -> tuple[int, int]:
    """The clause of the sentence that holds the trigger (between semicolons, colons and
    ", however", ", but", ", while" ...)."""
    starts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(text) if m.end() <= trigger.start()]
    ends = [m.start() for m in _CLAUSE_BREAK.finditer(text) if m.start() >= trigger.end()]
    return starts[-1], ends[0] if ends else len(text)


def _summary(text: str, trigger: re.Match[str], action: re.Pattern[str]) -> tuple[int, int]:
    """The span of the clause of the sentence that states the measure: the sentence itself
    when short, else the clause holding the trigger (without an introductory phrase that does
    not name the measure), cut on a clause boundary if still long. Always a contiguous span of
    whole words."""
    start, end = _clause(text, trigger)
    intro = _INTRO.match(text[start:end])
    # "In accordance with ..., Mali has incorporated ...": the measure is told after it.
    told_after = intro is not None and action.search(text, start + intro.end(), end)
    if intro is not None and told_after and start + intro.end() <= trigger.start():
        start += intro.end()
    said = action.search(text, start, end) or action.search(text)
    words = list(re.finditer(r"\S+", text[start:end]))
    if len(words) > _SUMMARY_WORDS:
        keep = max(trigger.end(), said.end() if said else 0) - start
        cut = next(
            (m.start() for m in _SUBJECT_STOP.finditer(text[start:end]) if m.start() >= keep),
            words[_SUMMARY_WORDS - 1].end(),
        )
        end = start + max(cut, keep)
    return _span(text, start, end)


def _ident(kind: LegalMeasureKind, subject: str, taken: Ids) -> str:
    # Dates in the subject ("law on November 9, 2015, that ...") are left out of the key.
    words = [
        w
        for w in slugify(subject).split("-")
        if w and w not in _STOPWORDS and w not in MONTHS and not w.isdigit()
    ][:6]
    return taken.claim(f"{kind.value}-{'-'.join(words) or 'measure'}")


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


_CUES = cue_automaton(cue for rule in RULES for cue in rule.cues)
"""Every cue, overlapping ones included, found in one pass over the lower-cased sentence."""


def cued_rules(text: str) -> list[Rule]:
    """The rules whose cue words the sentence contains (the only ones that can trigger)."""
    found = cues_in(_CUES, text.lower())
    if not found:
        return []
    return [rule for rule in RULES if not found.isdisjoint(rule.cues)]


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
            (t for t in triggers if rule.action.search(text, *_clause(text, t))), triggers[0]
        )
        start, end = _clause(text, trigger)
        if not _said(rule.action, text, start, end):
            continue  # "Mali had not yet adopted a strategy", "had no law criminalizing ..."
        where = (trigger.start() - start, trigger.end() - start)
        first, last = _summary(text, trigger, rule.action)
        return MeasureReading(
            kind=rule.kind,
            status=_status(rule.kind, text[start:end], where),
            date=_measure_date(text, year, trigger.start()),
            subject=_subject(text, trigger.start(), year),
            summary=text[first:last],
        )
    return None


def _measure(located: LocatedSentence, year: int, taken: Ids) -> LegalMeasure | None:
    reading = read_measure(located.sentence.text, year)
    if reading is None:
        return None
    date = reading.date
    return LegalMeasure(
        id=_ident(reading.kind, reading.subject, taken),
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
