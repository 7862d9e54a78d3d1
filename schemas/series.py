"""What a series other than CRT adds to a report and a diff: the laws it names, the counts it
gives (killings, disappearances, political prisoners), and how its outline moved between years.

Every such field is left out of the JSON when it is not set, so that CRT output stays as it was.
"""

from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field

from crtdiff.schemas.base import SectionKey, StrictModel
from crtdiff.schemas.facts import Count, Evidence

SeriesName = Annotated[
    str, Field(pattern=r"^[a-z][a-z0-9]*$", description="Report series (series.csv).")
]
DEFAULT_SERIES = "crt"


def is_default_series(value: Any) -> bool:
    """True for the default series, left out of the JSON."""
    return bool(value == DEFAULT_SERIES)


def is_unset(value: Any) -> bool:
    """True for a series-only field that was not filled (left out of the JSON)."""
    return value is None


class NamedLaw(StrictModel):
    """A law, code or other legal text the report names."""

    id: str
    """Stable key: a slug of the name (with its number or year where it has one)."""
    name: str
    """The name as first written ("Law No. 2012-025", "the labor code")."""
    mentions: int = Field(ge=1)
    evidence: Evidence
    """The sentence of the first mention."""


class CountKind(StrEnum):
    """What a count counts."""

    KILLINGS = "killings"
    DISAPPEARANCES = "disappearances"
    POLITICAL_PRISONERS = "political_prisoners"


class CountQualifier(StrEnum):
    """How the text qualifies a count: a lower bound stays a lower bound."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    ABOUT = "about"
    UP_TO = "up_to"
    UNQUANTIFIED = "unquantified"
    """Reported without a number ("dozens", "numerous", "there were reports of")."""
    NONE_REPORTED = "none_reported"
    """The text says there were none ("There were no reports of political prisoners")."""


class ReportedCount(StrictModel):
    """A figure the text gives for killings, disappearances or political prisoners."""

    kind: CountKind
    figure: Count | None = None
    """The number given: a lower bound under `at_least` and `more_than`, approximate under
    `about`, a ceiling under `up_to`; 0 for none reported; null when no number is given."""
    qualifier: CountQualifier
    quantity: str
    """The words that give the figure, as written ("at least 195", "dozens", "no reports")."""
    evidence: Evidence


class MatchKind(StrEnum):
    """How a unit of one year's outline relates to the other year's."""

    SAME = "same"
    """The same unit (same key; its heading may be spelled differently)."""
    RENAMED = "renamed"
    """One unit under a new heading, matched by heading and content similarity."""
    MERGED = "merged"
    """Several units of the old outline taken into one."""
    SPLIT = "split"
    """A new unit carved out of part of an old one."""
    ADDED = "added"
    REMOVED = "removed"


class OutlineMatch(StrictModel):
    """One unit of the new outline and its predecessors (or an old unit with no successor)."""

    kind: MatchKind
    new_key: SectionKey | None = None
    new_heading: str | None = None
    old_keys: list[SectionKey] = Field(default_factory=list)
    old_headings: list[str] = Field(default_factory=list)
    heading_similarity: float | None = Field(default=None, ge=0, le=1)
    """Best word overlap of the headings (their inner headings included); null for same key."""
    content_similarity: float | None = Field(default=None, ge=0, le=1)
    """Cosine of the units' weighted word vectors (tf-idf over both outlines)."""


class CountChange(StrictModel):
    """One kind of count in both years: every figure given, and the largest."""

    kind: CountKind
    old: list[ReportedCount] = Field(default_factory=list)
    new: list[ReportedCount] = Field(default_factory=list)
    old_largest: Count | None = None
    new_largest: Count | None = None


class LawsDiff(StrictModel):
    """Laws newly named, no longer named, and named in both years."""

    new: list[NamedLaw] = Field(default_factory=list)
    no_longer_named: list[NamedLaw] = Field(default_factory=list)
    continuing: list[str] = Field(default_factory=list)
    """Ids of the laws named in both years."""
