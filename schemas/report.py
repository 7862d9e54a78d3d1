"""CountryReport: one chapter of one report year, normalised into canonical sections and facts."""

from datetime import datetime
from enum import StrEnum

from pydantic import Field, model_validator

from crtdiff.schemas.base import IsoPartialDate, Offset, ReportYear, SectionKey, Sha256, StrictModel
from crtdiff.schemas.facts import (
    AggregateToll,
    Group,
    Incident,
    LegalMeasure,
    Organisation,
    ReferencedIncident,
)
from crtdiff.schemas.series import (
    DEFAULT_SERIES,
    NamedLaw,
    ReportedCount,
    SeriesName,
    is_default_series,
    is_unset,
)

SCHEMA_VERSION = "1.3.0"
"""Bumped on any change to the shape or meaning of the exported JSON."""


class SourceFormat(StrEnum):
    """Format of a raw source."""

    TEXT = "text"
    HTML = "html"
    PDF = "pdf"


class Source(StrictModel):
    """Where the chapter came from, and which exact bytes were read."""

    uri: str
    """Path or URL the raw snapshot was read from."""
    format: SourceFormat
    sha256: Sha256
    """Digest of the raw bytes."""
    size_bytes: int = Field(ge=0)
    retrieved_at: datetime
    """When the bytes were fetched or read."""
    host: str
    """Page template recognised: `state.gov`, `translations.state.gov`, `refworld`, `plain`..."""
    illustrative: bool = False
    """True for chapters written for tests and demos in the report's style: not official text."""
    url: str | None = None
    """Where the State Department published this text (the page's canonical URL, or the page a
    local copy was taken from); null when unknown, and always null for illustrative text."""
    published: IsoPartialDate | None = None
    """Publication date of that page, as precise as known; null when unknown."""


class Sentence(StrictModel):
    """A sentence (or a bullet's sentence) with its span in CountryReport.body."""

    text: str
    start: Offset
    end: Offset
    paragraph: int = Field(ge=0)
    """Index of the paragraph (or bullet) within its section."""
    bullet: int | None = Field(default=None, ge=0)
    """Index of the bullet within the section when the sentence sits in a bullet."""


class SectionAssignment(StrEnum):
    """How a section's text was found."""

    HEADING = "heading"
    """Under a heading the reference data knows (or an unknown heading, with a warning)."""
    TOPIC = "topic"
    """Headless era: paragraphs assigned to the section by their topic."""
    UNSECTIONED = "unsectioned"
    """Headless era: text whose topic is unclear, kept in the `body` section."""


class Section(StrictModel):
    """A canonical section of the chapter."""

    key: SectionKey
    heading: str | None
    """The heading as written; null for topic-assigned or unsectioned text."""
    assigned_by: SectionAssignment
    text: str
    """The section's paragraphs, separated by blank lines (headings removed)."""
    sentences: list[Sentence]


class IngestWarning(StrictModel):
    """Something the ingester repaired, guessed or could not place."""

    code: str
    """Machine-readable kind, e.g. `mojibake_repaired`, `unknown_heading`, `illustrative_source`."""
    message: str


class CountryReport(StrictModel):
    """One chapter of the Country Reports on Terrorism for one country and report year."""

    schema_version: str = SCHEMA_VERSION
    country: str
    """Canonical country name (data/reference/countries.csv)."""
    year: ReportYear
    chapter: str = "country"
    """`country` for the country chapter; e.g. `safe-haven` for a Terrorist Safe Havens entry."""
    source: Source
    title: str
    body: str
    """The chapter text after furniture removal and normalisation; every offset points into it."""
    sections: list[Section]
    groups: list[Group] = Field(default_factory=list)
    incidents: list[Incident] = Field(default_factory=list)
    referenced_incidents: list[ReferencedIncident] = Field(default_factory=list)
    aggregate_tolls: list[AggregateToll] = Field(default_factory=list)
    legal_measures: list[LegalMeasure] = Field(default_factory=list)
    organisations: list[Organisation] = Field(default_factory=list)
    warnings: list[IngestWarning] = Field(default_factory=list)
    series: SeriesName = Field(default=DEFAULT_SERIES, exclude_if=is_default_series)
    """Report series: `crt` (left out of the JSON) or e.g. `hrr`, the Country Reports on Human
    Rights Practices (see data/reference/series/series.csv)."""
    laws: list[NamedLaw] | None = Field(default=None, exclude_if=is_unset)
    """Laws and codes named (series whose extractors include `laws`)."""
    counts: list[ReportedCount] | None = Field(default=None, exclude_if=is_unset)
    """Counts of killings, disappearances and political prisoners (series with `counts`)."""

    @model_validator(mode="after")
    def _sentences_point_into_body(self) -> "CountryReport":
        for section in self.sections:
            for sentence in section.sentences:
                if self.body[sentence.start : sentence.end] != sentence.text:
                    raise ValueError(
                        f"sentence span {sentence.start}-{sentence.end} of section "
                        f"{section.key!r} does not match the body"
                    )
        return self

    def section(self, key: str) -> Section | None:
        """The section with this key, if the chapter has it."""
        return next((s for s in self.sections if s.key == key), None)
