"""YearDiff: what changed between two chapters of one country, fact by fact and sentence by
sentence."""

from datetime import datetime
from enum import StrEnum

from pydantic import ConfigDict, Field, model_validator

from crtdiff.schemas.base import (
    GroupId,
    IsoPartialDate,
    ReportYear,
    SectionKey,
    Sha256,
    StrictModel,
)
from crtdiff.schemas.facts import Count, Evidence, Incident, IncidentKind, LegalMeasure, LegalStatus
from crtdiff.schemas.series import (
    DEFAULT_SERIES,
    CountChange,
    LawsDiff,
    OutlineMatch,
    SeriesName,
    is_default_series,
    is_unset,
)

DIFF_SCHEMA_VERSION = "2.2.0"
"""Bumped on any change to the shape or meaning of the exported YearDiff JSON."""


class SourceRef(StrictModel):
    """Which exact text a side of the comparison was read from."""

    uri: str
    sha256: Sha256
    illustrative: bool = False
    """True when the chapter is an illustrative text, not official State Department text."""
    title: str | None = None
    """The chapter's title."""
    url: str | None = None
    """Where the State Department published the text (CountryReport.source.url)."""
    published: IsoPartialDate | None = None
    """Publication date (CountryReport.source.published)."""
    retrieved_at: datetime | None = None
    """When the bytes were fetched or read."""


class GroupRef(StrictModel):
    """A group, with its first mention in each year where it has one."""

    id: GroupId
    name: str
    acronym: str | None = None
    old_evidence: Evidence | None = None
    new_evidence: Evidence | None = None
    part_of: GroupId | None = None
    """The umbrella this group joined (gazetteer `merged_into`), when the new chapter names it."""


class GroupRename(StrictModel):
    """A group named under a new name (from the gazetteer's rename links): not an add and a drop."""

    old: GroupRef
    new: GroupRef


class GroupMerger(StrictModel):
    """Groups the new chapter says merged into one."""

    into: GroupRef
    members: list[GroupRef]
    evidence: Evidence
    """The sentence that says so."""


class GroupsDiff(StrictModel):
    """Groups newly named, no longer named, renamed, merged and continuing."""

    added: list[GroupRef] = Field(default_factory=list)
    removed: list[GroupRef] = Field(default_factory=list)
    renamed: list[GroupRename] = Field(default_factory=list)
    merged: list[GroupMerger] = Field(default_factory=list)
    absorbed: list[GroupRef] = Field(default_factory=list)
    """Groups of the old year not named in the new one while the umbrella they joined is
    (`part_of`): members, not groups that disappeared."""
    continuing: list[GroupRef] = Field(default_factory=list)

    def by_id(self) -> dict[str, GroupRef]:
        """Every group of either year by id (the new year's view where a group is in both)."""
        refs: dict[str, GroupRef] = {}
        for rename in self.renamed:
            refs[rename.old.id] = rename.old
        for ref in [*self.removed, *self.absorbed]:
            refs[ref.id] = ref
        for merger in self.merged:
            refs[merger.into.id] = merger.into
            refs.update((m.id, m) for m in merger.members)
        for rename in self.renamed:
            refs[rename.new.id] = rename.new
        for ref in [*self.added, *self.continuing]:
            refs[ref.id] = ref
        return refs


class TollChange(StrictModel):
    """A casualty total (sum of lower bounds over incidents), old and new.

    A year whose incidents give no figure has a null total: not given is not zero."""

    old: Count | None
    """Sum over the old year's incidents that give the figure; null when none does."""
    new: Count | None
    """Sum over the new year's incidents that give the figure; null when none does."""
    delta: int | None
    """new - old; null unless both years give the figure."""
    old_given_by: Count
    """How many of the old year's incidents give the figure."""
    new_given_by: Count
    """How many of the new year's incidents give the figure."""

    @model_validator(mode="after")
    def _nulls_mean_not_given(self) -> "TollChange":
        if (self.old is None) != (self.old_given_by == 0) or (self.new is None) != (
            self.new_given_by == 0
        ):
            raise ValueError("a total is null exactly when no incident gives the figure")
        expected = None if self.old is None or self.new is None else self.new - self.old
        if self.delta != expected:
            raise ValueError("delta must be new - old, or null when either is not given")
        return self


class IncidentMatch(StrictModel):
    """An incident of the new chapter that the old chapter already described."""

    old_id: str
    new_id: str
    date: str
    place: str | None
    kind: IncidentKind
    old_evidence: Evidence
    new_evidence: Evidence


class IncidentsDiff(StrictModel):
    """This year's incidents against last year's."""

    new: list[Incident] = Field(default_factory=list)
    referenced_again: list[IncidentMatch] = Field(default_factory=list)
    old_count: int
    new_count: int
    killed_min: TollChange
    wounded_min: TollChange
    kidnapped_min: TollChange
    perpetrators_newly_active: list[GroupId] = Field(default_factory=list)
    places_newly_hit: list[str] = Field(default_factory=list)
    kinds_newly_seen: list[IncidentKind] = Field(default_factory=list)


class StatusChange(StrictModel):
    """A measure seen in both years whose status moved (a strategy drafted, then adopted)."""

    old: LegalMeasure
    new: LegalMeasure
    old_status: LegalStatus | None
    new_status: LegalStatus | None


class LegalDiff(StrictModel):
    """Legal measures new this year, changed in status, or no longer mentioned."""

    new: list[LegalMeasure] = Field(default_factory=list)
    status_changed: list[StatusChange] = Field(default_factory=list)
    no_longer_mentioned: list[LegalMeasure] = Field(default_factory=list)


class OrganisationRef(StrictModel):
    """An organisation and the sentence naming it."""

    id: str
    name: str
    evidence: Evidence


class OrganisationsDiff(StrictModel):
    """Memberships and partnerships newly named, or no longer named."""

    joined_or_new: list[OrganisationRef] = Field(default_factory=list)
    no_longer_mentioned: list[OrganisationRef] = Field(default_factory=list)


class SentenceRef(StrictModel):
    """A sentence and its span in its own report's body."""

    # Frozen: a comparison shares one ref of a sentence between the diffs with the year before
    # and the year after (crtdiff.compare.sections.section_refs).
    model_config = ConfigDict(frozen=True)

    text: str
    start: int
    end: int


class RedlineOp(StrEnum):
    """One step of a word-level redline."""

    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


class RedlinePart(StrictModel):
    """A run of words kept, inserted or deleted."""

    op: RedlineOp
    text: str


class SentencePair(StrictModel):
    """A sentence of the old year and its counterpart in the new year."""

    old: SentenceRef
    new: SentenceRef


class ModifiedSentence(SentencePair):
    """A sentence lightly edited from one year to the next."""

    similarity: float = Field(ge=0, le=1)
    redline: list[RedlinePart]
    is_cosmetic: bool
    """True when only punctuation, quotes, spacing or dates changed."""


class MovedSentence(SentencePair):
    """A sentence that left this section for another (or arrived from one)."""

    from_section: SectionKey
    to_section: SectionKey
    is_modified: bool


class SentenceAlignment(StrictModel):
    """Every sentence of a section in either year, in exactly one list."""

    unchanged: list[SentencePair] = Field(default_factory=list)
    modified: list[ModifiedSentence] = Field(default_factory=list)
    added: list[SentenceRef] = Field(default_factory=list)
    removed: list[SentenceRef] = Field(default_factory=list)
    moved_out: list[MovedSentence] = Field(default_factory=list)
    """Sentences of the old section now in another section of the new chapter."""
    moved_in: list[MovedSentence] = Field(default_factory=list)
    """Sentences of the new section that stood in another section of the old chapter."""


Similarity = float | None


class SectionDiff(StrictModel):
    """One canonical section across the two years."""

    key: SectionKey
    old_heading: str | None
    new_heading: str | None
    cosine: Similarity = Field(default=None, ge=0, le=1)
    """Cosine similarity of word frequencies (Lazy Prices); null when a year lacks the section."""
    jaccard: Similarity = Field(default=None, ge=0, le=1)
    """Jaccard similarity of word sets; null when a year lacks the section."""
    edit: Similarity = Field(default=None, ge=0, le=1)
    """1 - word-level edit distance / longer length; null when a year lacks the section."""
    simple: Similarity = Field(default=None, ge=0, le=1)
    """1 - words inserted or deleted / words in both (a redline count); null when missing."""
    recycled_share: Similarity = Field(default=None, ge=0, le=1)
    """Share of the new section's sentences carried over verbatim or nearly."""
    sentences: SentenceAlignment


class FactChange(StrictModel):
    """One structural change found by deepdiff over the keyed facts of both years."""

    path: str
    """Where: e.g. `legal_measures[strategy-national-strategy-prevention].status`."""
    change: str
    """added, removed or changed."""
    old: str | int | None = None
    new: str | int | None = None


class Headline(StrictModel):
    """A short plain-language statement of an important change."""

    topic: str
    """groups, incidents, legal_measures or text (the stable order of headlines)."""
    text: str
    refs: list[str] = Field(default_factory=list)
    """Ids of the facts it is about (groups, incidents, measures, section keys)."""


class YearDiff(StrictModel):
    """What changed in one country's chapter from one report year to the next."""

    schema_version: str = DIFF_SCHEMA_VERSION
    country: str
    old_year: ReportYear
    new_year: ReportYear
    chapter: str = "country"
    old_source: SourceRef
    new_source: SourceRef
    illustrative: bool
    """True when either side is illustrative text: every rendering says so."""
    headline: list[Headline]
    groups: GroupsDiff
    incidents: IncidentsDiff
    legal_measures: LegalDiff
    organisations: OrganisationsDiff
    sections: list[SectionDiff]
    fact_changes: list[FactChange]
    recycled_share: Similarity = Field(default=None, ge=0, le=1)
    """Share of the whole new chapter's sentences carried over verbatim or nearly."""
    series: SeriesName = Field(default=DEFAULT_SERIES, exclude_if=is_default_series)
    """Report series of both chapters (`crt` is left out of the JSON)."""
    outline: list[OutlineMatch] | None = Field(default=None, exclude_if=is_unset)
    """Series compared unit by unit: how each unit of the new outline matches the old one."""
    counts: list[CountChange] | None = Field(default=None, exclude_if=is_unset)
    """Series with counts: the figures given in each year, by kind."""
    laws: LawsDiff | None = Field(default=None, exclude_if=is_unset)
    """Series with named laws: laws newly named and no longer named."""

    @property
    def is_empty(self) -> bool:
        """True when nothing changed at all (a chapter compared with itself)."""
        g, i, lm, o = self.groups, self.incidents, self.legal_measures, self.organisations
        text_changed = any(
            s.sentences.modified
            or s.sentences.added
            or s.sentences.removed
            or s.sentences.moved_in
            or s.sentences.moved_out
            for s in self.sections
        )
        return not (
            g.added
            or g.removed
            or g.renamed
            or g.merged
            or g.absorbed
            or i.new
            or lm.new
            or lm.status_changed
            or lm.no_longer_mentioned
            or o.joined_or_new
            or o.no_longer_mentioned
            or self.fact_changes
            or text_changed
        )
