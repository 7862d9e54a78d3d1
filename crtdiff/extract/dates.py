"""Date phrases as the reports write them, with their precision: never invent a day."""

import re
from calendar import monthrange
from dataclasses import dataclass
from functools import lru_cache

from crtdiff.schemas import DatePrecision

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_MONTH = (
    r"(?P<{}>January|February|March|April|May|June|July|August|September|October|November|December)"
)
_DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{}>(?:19|20)\d\d)"
_VAGUE = r"(?P<vague>beginning of|start of|end of|early|mid-|mid|late|middle of)\s*(?:-\s*)?"

# "June 3 and 6", "March 2, 9, and 14": so many days of one month, each its own date (two
# attacks, not one lasting from the 3rd to the 6th). A list of full dates ("July 8 and
# September 6") needs no pattern of its own: each is a date.
_DAY_LIST = re.compile(
    rf"(?<!between\s){_MONTH.format('m1')}\s+{_DAY.format('d1')}(?P<more>(?:,\s*[0-3]?\d(?:st|nd|rd|th)?)*"
    rf",?\s+and\s+[0-3]?\d(?:st|nd|rd|th)?)\b(?!\s*(?:-|–|January|February|March|"
    rf"April|May|June|July|August|September|October|November|December))"
    rf"(?:,?\s+{_YEAR.format('y')}\b)?"
)
_LISTED_DAY = re.compile(r"[0-3]?\d")
# "November 20, 2015", "January 7"
_MONTH_DAY = re.compile(
    rf"{_MONTH.format('m1')}\s+{_DAY.format('d1')}\b(?:,?\s+{_YEAR.format('y')}\b)?"
)
# Ordered from most to least specific; the first that matches at a position wins.
_PATTERNS = [
    # "between June 3 and 9", "between June 3 and July 9"
    re.compile(
        rf"between\s+{_MONTH.format('m1')}\s+{_DAY.format('d1')}\s+and\s+"
        rf"(?:{_MONTH.format('m2')}\s+)?{_DAY.format('d2')}\b(?:,?\s+{_YEAR.format('y')})?"
    ),
    # "from May 16 to 25", "May 16-25", "June 18-19", "from July 8 to September 6"
    re.compile(
        rf"(?:from\s+)?{_MONTH.format('m1')}\s+{_DAY.format('d1')}\s*(?:-|–|to|through)\s*"
        rf"(?:{_MONTH.format('m2')}\s+)?{_DAY.format('d2')}\b(?:,?\s+{_YEAR.format('y')})?"
    ),
    _MONTH_DAY,
    # "7 January 2016" (refworld and UN style)
    re.compile(rf"\b{_DAY.format('d1')}\s+{_MONTH.format('m1')}(?:\s+{_YEAR.format('y')})?\b"),
    # "mid-December", "at the beginning of October", "late March 2016"
    re.compile(rf"{_VAGUE}{_MONTH.format('m1')}(?:,?\s+{_YEAR.format('y')})?\b", re.IGNORECASE),
    # "In May", "in June 2015", "During October"
    re.compile(rf"{_MONTH.format('m1')}(?:,?\s+{_YEAR.format('y')})?\b"),
    # "the 2002 Bali bombings", "in 2012", "since 2014": a year alone
    re.compile(rf"\b(?:[Ii]n|[Ss]ince|[Tt]he|of|during|[Bb]y)\s+{_YEAR.format('y')}\b(?!-)"),
]


@dataclass(frozen=True)
class DatePhrase:
    """A date found in text."""

    text: str
    start: int
    end: int
    date: str
    """ISO date as precise as the text: YYYY-MM-DD, YYYY-MM or YYYY."""
    date_end: str | None
    precision: DatePrecision
    explicit_year: int | None
    """The year when the text writes it; None when it was taken from the report year."""


_ANY_DATE = re.compile(
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"(?:19|20)\d\d",
    re.IGNORECASE,
)


def _day_ok(year: int, month: int, day: int) -> bool:
    return 1 <= day <= monthrange(year, month)[1]


def _build(match: re.Match[str], default_year: int) -> DatePhrase | None:
    groups = match.groupdict()
    year = int(groups["y"]) if groups.get("y") else default_year
    if not groups.get("m1"):
        start = match.start("y")
        return DatePhrase(
            groups["y"], start, match.end(), f"{year:04d}", None, DatePrecision.YEAR, year
        )
    month = MONTHS[groups["m1"].lower()]
    day = int(groups["d1"]) if groups.get("d1") else None
    vague = groups.get("vague")
    end: str | None = None
    if day is not None and not _day_ok(year, month, day):
        return None  # "February 30": not a date, never a silently shifted one
    if day is None:
        date = f"{year:04d}-{month:02d}"
        precision = DatePrecision.APPROXIMATE if vague else DatePrecision.MONTH
    else:
        date = f"{year:04d}-{month:02d}-{day:02d}"
        precision = DatePrecision.DAY
        if groups.get("d2"):
            month2 = MONTHS[groups["m2"].lower()] if groups.get("m2") else month
            day2 = int(groups["d2"])
            if not _day_ok(year, month2, day2):
                return None
            end = f"{year:04d}-{month2:02d}-{day2:02d}"
    return DatePhrase(
        text=match.group(0),
        start=match.start(),
        end=match.end(),
        date=date,
        date_end=end,
        precision=precision,
        explicit_year=int(groups["y"]) if groups.get("y") else None,
    )


def find_dates(text: str, default_year: int) -> list[DatePhrase]:
    """Every date phrase in a text, left to right, non-overlapping."""
    return list(_find_dates(text, default_year))


def has_dates(text: str, default_year: int) -> bool:
    """Whether a text holds any date phrase (as `bool(find_dates(...))`, without the list)."""
    return bool(_date_matches(text)) and bool(_find_dates(text, default_year))


def _day_list(match: re.Match[str], default_year: int) -> list[DatePhrase]:
    """Each day of "June 3 and 6": the first with its month, the others as their number."""
    explicit = int(match.group("y")) if match.group("y") else None
    year = explicit or default_year
    month = MONTHS[match.group("m1").lower()]
    first_end = match.end("d1")
    spans = [(match.start(), first_end, int(match.group("d1")))]
    for day in _LISTED_DAY.finditer(match.group("more")):
        at = match.start("more") + day.start()
        spans.append((at, at + len(day.group()), int(day.group())))
    if not all(_day_ok(year, month, day) for _, _, day in spans):
        return []
    text = match.string
    return [
        DatePhrase(
            text[start:end],
            start,
            end,
            f"{year:04d}-{month:02d}-{day:02d}",
            None,
            DatePrecision.DAY,
            explicit,
        )
        for start, end, day in spans
    ]


@lru_cache(maxsize=8192)
def _date_matches(text: str) -> tuple[tuple[bool, re.Match[str]], ...]:
    """The date patterns' matches in a text, non-overlapping, each marked True when it is a
    list of days: which match where does not depend on the report year, and most sentences
    carry over from year to year, so a text is scanned once per process."""
    if not _ANY_DATE.search(text):
        return ()
    found: list[tuple[bool, re.Match[str]]] = []
    taken: list[tuple[int, int]] = []
    for match in _DAY_LIST.finditer(text):
        taken.append((match.start(), match.end()))
        found.append((True, match))
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            taken.append((match.start(), match.end()))
            found.append((False, match))
    return tuple(found)


@lru_cache(maxsize=4096)
def _find_dates(text: str, default_year: int) -> tuple[DatePhrase, ...]:
    # Each sentence is read for incidents, references and legal measures: parse it once.
    found: list[DatePhrase] = []
    for listed, match in _date_matches(text):
        if listed:
            found.extend(_day_list(match, default_year))
            continue
        phrase = _build(match, default_year)
        if phrase is not None:
            found.append(phrase)
    return tuple(sorted(found, key=lambda d: d.start))


@lru_cache(maxsize=8192)
def _month_days(text: str) -> tuple[tuple[str, int | None, int, int], ...]:
    """(phrase, year written or None, month, day) of every month-and-day phrase of a text."""
    return tuple(
        (
            match.group(0),
            int(match.group("y")) if match.group("y") else None,
            MONTHS[match.group("m1").lower()],
            int(match.group("d1")),
        )
        for match in _MONTH_DAY.finditer(text)
    )


def invalid_dates(text: str, default_year: int) -> list[str]:
    """Date phrases that name a day the month does not have ("February 30"; "February 29" of
    a year that is not a leap year, the report's year when the phrase gives none)."""
    days = _month_days(text)
    if not days:
        return []  # most sentences: asked of every sentence of every chapter
    return [
        phrase for phrase, year, month, day in days if not _day_ok(year or default_year, month, day)
    ]
