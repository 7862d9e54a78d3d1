"""Page furniture lines per host (data/reference/furniture.csv): banners, labels, page numbers.

Each row names a line that is never chapter text: where it is dropped (`leading`: while it opens
the text; `anywhere`; `trailing`: it and everything after it) and how it is matched (`exact`
line, line starting with a `prefix`, or a whole-line `regex`). Exact and prefix rows ignore case
and spacing and accept a straight or curly apostrophe, so most rows need no regex at all.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from crtdiff.csv_table import read_rows
from crtdiff.errors import ConfigError
from crtdiff.paths import REFERENCE_DIR
from crtdiff.text.caseless import lower_plain

FURNITURE_FILE = REFERENCE_DIR / "furniture.csv"
_COLUMNS = ["host", "place", "match", "text", "note"]
PLACES = ("leading", "anywhere", "trailing")
MATCHES = ("exact", "prefix", "regex")
_HOST = re.compile(r"^[a-z0-9][a-z0-9.-]*$")


@dataclass(frozen=True)
class FurnitureLine:
    """One row of the furniture table."""

    host: str
    """The host whose pages carry the line (`any` for several); every row applies to every page,
    since a copy of a page keeps the furniture of the site it was copied from."""
    place: str
    match: str
    text: str
    pattern: re.Pattern[str]
    row: int
    """Line number in the CSV (for error messages and tests)."""


CHARS_KEPT = 1_000_000
"""Characters of lines a matcher keeps its answers for (a few MB): a country's chapters share
most lines year to year, and a worker reads one country after another."""


class _Answers:
    """Answers given for lines already matched, dropped all at once when they pass CHARS_KEPT."""

    __slots__ = ("by_line", "chars")

    def __init__(self) -> None:
        self.by_line: dict[str, bool] = {}
        self.chars = 0


@dataclass(frozen=True)
class LineMatcher:
    """The rows of one place: whether a whole line is one of them."""

    combined: re.Pattern[str]
    """Every row but those `within`, as one whole-line pattern."""
    within: tuple[tuple[str, re.Pattern[str]], ...]
    """Rows opening with `.*` (text anywhere in the line), each with the words, in lower case,
    that every line it matches holds. Tried at every position of a line, such a row costs ten
    times all the others together; a line without its words is not tried."""

    _answers: _Answers = field(
        default_factory=_Answers, init=False, repr=False, compare=False, hash=False
    )
    """A page's lines are matched as lines and again as blocks, and most carry over from year
    to year: each is matched once while kept."""

    def match(self, line: str) -> bool:
        """Whether the line is one of the rows (as the rows' patterns joined by `|` match)."""
        answers = self._answers
        found = answers.by_line.get(line)
        if found is None:
            found = self._match(line)
            if answers.chars + len(line) > CHARS_KEPT:
                answers.by_line.clear()
                answers.chars = 0
            answers.by_line[line] = found
            answers.chars += len(line)
        return found

    def _match(self, line: str) -> bool:
        if self.combined.match(line):
            return True
        if not self.within:
            return False
        # A word of ASCII letters found ignoring case is in the lower-cased line, unless the
        # line holds one of the four characters that fold to ASCII letters (then: tried).
        lowered = lower_plain(line)
        return any(
            (lowered is None or words in lowered) and pattern.match(line) is not None
            for words, pattern in self.within
        )


@dataclass(frozen=True)
class Furniture:
    """Every furniture row, and one matcher per place."""

    lines: tuple[FurnitureLine, ...]
    leading: LineMatcher
    anywhere: LineMatcher
    trailing: LineMatcher

    def matching(self, line: str) -> list[FurnitureLine]:
        """The rows that match a line (which row removed what)."""
        return [f for f in self.lines if f.pattern.match(line)]


_APOSTROPHE = re.compile(r"['’]")


def _literal(text: str) -> str:
    words = ("['’]".join(re.escape(p) for p in _APOSTROPHE.split(w)) for w in text.split())
    return r"\s+".join(words)


def line_pattern(match: str, text: str) -> str:
    """The whole-line regular expression of a row."""
    if match == "exact":
        return _literal(text)
    if match == "prefix":
        return _literal(text) + r".*"
    return text


def _row(path: Path, number: int, row: dict[str, str]) -> FurnitureLine:
    where = f"{path.name} line {number}"
    host, place, match, text = (row[c].strip() for c in ("host", "place", "match", "text"))
    if not _HOST.match(host):
        raise ConfigError(where, f"host {host!r} must be a host name such as state.gov, or any")
    if place not in PLACES:
        raise ConfigError(where, f"place must be one of {', '.join(PLACES)}, not {place!r}")
    if match not in MATCHES:
        raise ConfigError(where, f"match must be one of {', '.join(MATCHES)}, not {match!r}")
    if not text:
        raise ConfigError(where, "text is empty")
    try:
        pattern = re.compile(rf"^(?:{line_pattern(match, text)})$", re.IGNORECASE | re.DOTALL)
    except re.error as exc:
        raise ConfigError(where, f"text is not a valid regular expression ({exc})") from exc
    if pattern.match(""):
        raise ConfigError(where, "the pattern matches an empty line")
    return FurnitureLine(host, place, match, text, pattern, number)


_PLAIN_WORDS = re.compile(r"[A-Za-z0-9 ]+")
_MIN_WORDS = 4


def required_words(row: FurnitureLine) -> str | None:
    """The words (lower case) every line a `.*`-opening regex row matches holds: the plain
    letters, digits and spaces its pattern opens with after `.*` (and `\\b`); None for any
    other row, or when they are too few to be worth a look."""
    if row.match != "regex" or not row.text.startswith(".*") or "|" in row.text:
        return None
    rest = row.text[2:].removeprefix(r"\b")
    found = _PLAIN_WORDS.match(rest)
    words = found.group() if found else ""
    if rest[len(words) : len(words) + 1] in ("?", "*", "{"):
        words = words[:-1]  # the last character may be absent
    return words.lower() if len(words) >= _MIN_WORDS else None


def _combined(lines: tuple[FurnitureLine, ...], place: str) -> LineMatcher:
    rows = [f for f in lines if f.place == place]
    within = [(words, f.pattern) for f in rows if (words := required_words(f)) is not None]
    parts = [f"(?:{line_pattern(f.match, f.text)})" for f in rows if required_words(f) is None]
    # An impossible pattern when a place has no rows: (?!) never matches.
    body = "|".join(parts) or "(?!)"
    return LineMatcher(re.compile(rf"^(?:{body})$", re.IGNORECASE | re.DOTALL), tuple(within))


@lru_cache(maxsize=4)
def load_furniture(path: Path = FURNITURE_FILE) -> Furniture:
    """Read and validate the furniture table."""
    rows = read_rows(path, _COLUMNS, "furniture table")
    lines = tuple(_row(path, number, row) for number, row in rows)
    seen: dict[tuple[str, str, str], int] = {}
    for line in lines:
        key = (line.place, line.match, line.text.casefold())
        if key in seen:
            raise ConfigError(
                f"{path.name} line {line.row}", f"repeats line {seen[key]} ({line.text!r})"
            )
        seen[key] = line.row
    return combine_furniture(lines)


def combine_furniture(lines: tuple[FurnitureLine, ...]) -> Furniture:
    """The furniture of these rows (also: the table's rows and a series' own lines)."""
    return Furniture(lines, *(_combined(lines, place) for place in PLACES))
