"""What a legal measure is about: its subject (the words after the trigger), its summary span and
its stable id."""

import re

from crtdiff.extract.dates import MONTHS, find_dates
from crtdiff.extract.ids import Ids
from crtdiff.schemas import LegalMeasureKind
from crtdiff.text.normalize import slugify

_SUBJECT_STOP = re.compile(r"[;:]|(?<![A-Z])\.(?=\s|$)|,\s+(?:which|and|but|as|while|however)\b")
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.)+[A-Z]$")
_SUBJECT_WORDS = 14
_SUBJECT_MIN_WORDS = 4
"""A date ends the subject only after this many words ("law on November 9, 2015, that defined
the composition" keeps its date; "unit took the lead in the investigation into the November 20,
2015, attack" stops before it)."""
_STOPWORDS = {"a", "an", "the", "its", "their", "first", "new", "of", "for", "and", "to", "on"}
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


def measure_subject(text: str, start: int, year: int) -> str:
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


def clause_span(text: str, trigger: re.Match[str]) -> tuple[int, int]:
    """The clause of the sentence that holds the trigger (between semicolons, colons and
    ", however", ", but", ", while" ...)."""
    starts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(text) if m.end() <= trigger.start()]
    ends = [m.start() for m in _CLAUSE_BREAK.finditer(text) if m.start() >= trigger.end()]
    return starts[-1], ends[0] if ends else len(text)


def summary_span(text: str, trigger: re.Match[str], action: re.Pattern[str]) -> tuple[int, int]:
    """The span of the clause of the sentence that states the measure: the sentence itself
    when short, else the clause holding the trigger (without an introductory phrase that does
    not name the measure), cut on a clause boundary if still long. Always a contiguous span of
    whole words."""
    start, end = clause_span(text, trigger)
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


def measure_id(kind: LegalMeasureKind, subject: str, taken: Ids) -> str:
    """A stable id of the measure in its chapter: its kind and the key words of its subject."""
    # Dates in the subject ("law on November 9, 2015, that ...") are left out of the key.
    words = [
        w
        for w in slugify(subject).split("-")
        if w and w not in _STOPWORDS and w not in MONTHS and not w.isdigit()
    ][:6]
    return taken.claim(f"{kind.value}-{'-'.join(words) or 'measure'}")
