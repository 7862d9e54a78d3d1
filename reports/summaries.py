"""Small summaries of chapters and pairs: what a country's timeline, the site index and the
cross-country pages (incidents, groups, years) show.

Kept in the result store beside each report and diff, so that the timeline, the index and the
cross-country pages can be rebuilt without reading (or re-validating) whole reports.

msgspec Structs, not pydantic models: the pages across countries read every country's summary
(60 MB of JSON at 10,000 chapters), which msgspec decodes, checking every field's type and
refusing unknown fields, three times faster than pydantic, into objects freed faster. They are
made from reports and diffs pydantic has already validated, so they are built without another
check; the stored JSON is the one pydantic wrote (same fields, same order). A field with the
schema's closed vocabulary (an incident's kind, target, attribution and date precision, a
measure's kind and status) is typed with the schema's StrEnum: checked on read, and decoded to
the one object of each value rather than a new string per incident (a tenth less to decode and
free); a StrEnum is a str, shown as its value.
"""

from datetime import datetime
from typing import Annotated

from msgspec import Meta, Struct

from crtdiff.compare.incidents import toll_total
from crtdiff.reports.output_paths import OutputPaths
from crtdiff.schemas import CountryReport, Source, SourceFormat
from crtdiff.schemas.diff import YearDiff
from crtdiff.schemas.facts import (
    Attribution,
    DatePrecision,
    IncidentKind,
    LegalMeasureKind,
    LegalStatus,
    Target,
)


class _Summary(Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    pass


_SHA256 = r"^[0-9a-f]{64}$"
_ISO_PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
"""schemas.base's Sha256 and IsoPartialDate patterns (not imported from there: a change to
schemas/ would make every stored report stale)."""


class SourceSeen(_Summary, frozen=True):
    """Where a chapter came from (its report's Source, with the same fields): what its citation
    shows."""

    uri: str
    format: SourceFormat
    sha256: Annotated[str, Meta(pattern=_SHA256)]
    size_bytes: Annotated[int, Meta(ge=0)]
    retrieved_at: datetime
    host: str
    illustrative: bool = False
    url: str | None = None
    published: Annotated[str, Meta(pattern=_ISO_PARTIAL_DATE)] | None = None

    @classmethod
    def of(cls, source: Source) -> "SourceSeen":
        """The fields of a report's source."""
        return cls(
            uri=source.uri,
            format=source.format,
            sha256=source.sha256,
            size_bytes=source.size_bytes,
            retrieved_at=source.retrieved_at,
            host=source.host,
            illustrative=source.illustrative,
            url=source.url,
            published=source.published,
        )


class GroupSeen(_Summary, frozen=True):
    """A group named in one chapter."""

    id: str
    name: str
    acronym: str | None
    mentions: int
    start: int
    """Offset of its first mention's sentence (the chapter page's `#s<start>` anchor)."""


class IncidentSeen(_Summary, frozen=True):
    """One incident of a chapter, as the incidents explorer lists it."""

    id: str
    date: str
    date_end: str | None
    date_precision: DatePrecision
    place: str | None
    country: str | None
    kind: IncidentKind
    target: Target
    perpetrators: list[str]
    attribution: Attribution
    killed: int | None
    wounded: int | None
    kidnapped: int | None
    sentence: str
    start: int


class MeasureSeen(_Summary, frozen=True):
    """One legal measure of a chapter."""

    id: str
    kind: LegalMeasureKind
    status: LegalStatus | None
    subject: str
    summary: str
    start: int


class ChapterSummary(_Summary, frozen=True):
    """One chapter, as the country timeline and the cross-country pages show it."""

    country: str
    year: int
    chapter: str
    title: str
    illustrative: bool
    source: SourceSeen
    incidents: int
    killed: int | None
    """Least number killed over the incidents that give a figure; None when none does."""
    groups: list[GroupSeen]
    incident_list: list[IncidentSeen]
    measures: list[MeasureSeen]
    series: str = "crt"
    largest_counts: dict[str, int | None] = {}
    """Series with counts: the largest figure given per kind (killings, disappearances...)."""
    laws: int = 0
    """Series with named laws: how many laws the report names."""

    @classmethod
    def of(cls, report: CountryReport) -> "ChapterSummary":
        """Summarise a report."""
        largest: dict[str, int | None] = {}
        for count in report.counts or []:
            kind = count.kind.value
            if count.figure is None:
                largest.setdefault(kind, None)
            else:
                largest[kind] = max(count.figure, largest.get(kind) or 0)
        return cls(
            country=report.country,
            year=report.year,
            chapter=report.chapter,
            title=report.title,
            illustrative=report.source.illustrative,
            source=SourceSeen.of(report.source),
            incidents=len(report.incidents),
            killed=toll_total(report.incidents, "killed_min")[0],
            groups=[
                GroupSeen(
                    id=g.id,
                    name=g.name,
                    acronym=g.acronym,
                    mentions=len(g.mentions),
                    start=g.mentions[0].evidence.start,
                )
                for g in report.groups
            ],
            incident_list=[
                IncidentSeen(
                    id=i.id,
                    date=i.date,
                    date_end=i.date_end,
                    date_precision=i.date_precision,
                    place=i.place,
                    country=i.country,
                    kind=i.kind,
                    target=i.target,
                    perpetrators=list(i.perpetrators),
                    attribution=i.attribution,
                    killed=i.killed_min,
                    wounded=i.wounded_min,
                    kidnapped=i.kidnapped_min,
                    sentence=i.evidence.sentence,
                    start=i.evidence.start,
                )
                for i in report.incidents
            ],
            measures=[
                MeasureSeen(
                    id=m.id,
                    kind=m.kind,
                    status=m.status,
                    subject=m.subject,
                    summary=m.summary,
                    start=m.evidence.start,
                )
                for m in report.legal_measures
            ],
            series=report.series,
            largest_counts=largest,
            laws=len(report.laws or []),
        )

    @property
    def stem(self) -> str:
        """File stem of the chapter page: the year (plus the chapter kind when not `country`)."""
        return OutputPaths.chapter_stem(self.year, self.chapter)


class RenameSeen(_Summary, frozen=True):
    """A rename a comparison found, with the sentence of the new year that shows it."""

    old_id: str
    old_name: str
    new_id: str
    new_name: str
    sentence: str | None
    start: int | None


class MergerSeen(_Summary, frozen=True):
    """A merger a comparison found, with the sentence that states it."""

    into_id: str
    into_name: str
    members: dict[str, str]
    """Member id → name."""
    sentence: str
    start: int


class StatusSeen(_Summary, frozen=True):
    """A legal measure whose status moved."""

    id: str
    subject: str
    old_status: str | None
    new_status: str | None
    start: int


class PairSummary(_Summary, frozen=True):
    """One pair of years, as the country timeline, the index and the cross-country pages show
    it."""

    country: str
    chapter: str
    old_year: int
    new_year: int
    illustrative: bool
    headline: str
    recycled_share: float | None
    cosines: dict[str, float | None]
    renamed: list[RenameSeen]
    merged: list[MergerSeen]
    new_incidents: list[str]
    """Ids of the new year's incidents the old year did not already describe."""
    new_measures: list[str]
    status_changed: list[StatusSeen]

    @classmethod
    def of(cls, diff: YearDiff) -> "PairSummary":
        """Summarise a diff."""
        return cls(
            country=diff.country,
            chapter=diff.chapter,
            old_year=diff.old_year,
            new_year=diff.new_year,
            illustrative=diff.illustrative,
            headline=diff.headline[0].text if diff.headline else "",
            recycled_share=diff.recycled_share,
            cosines={s.key: s.cosine for s in diff.sections},
            renamed=[
                RenameSeen(
                    old_id=r.old.id,
                    old_name=r.old.name,
                    new_id=r.new.id,
                    new_name=r.new.name,
                    sentence=r.new.new_evidence.sentence if r.new.new_evidence else None,
                    start=r.new.new_evidence.start if r.new.new_evidence else None,
                )
                for r in diff.groups.renamed
            ],
            merged=[
                MergerSeen(
                    into_id=m.into.id,
                    into_name=m.into.name,
                    members={g.id: g.name for g in m.members},
                    sentence=m.evidence.sentence,
                    start=m.evidence.start,
                )
                for m in diff.groups.merged
            ],
            new_incidents=[i.id for i in diff.incidents.new],
            new_measures=[m.id for m in diff.legal_measures.new],
            status_changed=[
                StatusSeen(
                    id=c.new.id,
                    subject=c.new.subject,
                    old_status=c.old_status.value if c.old_status else None,
                    new_status=c.new_status.value if c.new_status else None,
                    start=c.new.evidence.start,
                )
                for c in diff.legal_measures.status_changed
            ],
        )

    @property
    def stem(self) -> str:
        """File stem of the pair's pages: `<old>-<new>` (plus the chapter kind when not
        `country`)."""
        return OutputPaths.pair_stem(self.old_year, self.new_year, self.chapter)


class CoverageRow(_Summary, frozen=True):
    """One catalogued report year of a country: read, or why not."""

    year: int
    chapter: str
    status: str
    """`ok`, `illustrative`, `unavailable` or `rejected`."""
    reason: str | None
    official_url: str | None
    """Where the catalogue says the State Department published it."""
    published: str | None


class YearCell(_Summary, frozen=True):
    """One country-year of the site index."""

    title: str
    illustrative: bool
    changed: float | None
    """Share of the chapter's sentences not carried over from the year before."""
    pair: str | None
    """Link to the change summary from the year before."""
    chapter: str
    """Link to the chapter page."""


class CountrySummary(_Summary, frozen=True):
    """What the site index and the cross-country pages need to know about one country."""

    country: str
    slug: str
    years: dict[int, YearCell]
    chapters: list[ChapterSummary]
    pairs: list[PairSummary]
    coverage: list[CoverageRow]
    units: dict[int, str] = {}
    """Report year → key of what the pages across countries show of that year: its chapter
    and the comparison ending there. A cross-country page is rendered again only when a key
    among its own years changed; empty when unknown (then every such page is rendered)."""

    @classmethod
    def of(
        cls,
        chapters: list[ChapterSummary],
        pairs: list[PairSummary],
        coverage: list[CoverageRow] | None = None,
    ) -> "CountrySummary":
        """Summarise a country from its chapters and pairs."""
        slug = OutputPaths.folder(chapters[0].country)
        by_new_year = {p.new_year: p for p in pairs}
        years: dict[int, YearCell] = {}
        for chapter in chapters:
            pair = by_new_year.get(chapter.year)
            recycled = pair.recycled_share if pair else None
            years[chapter.year] = YearCell(
                title=chapter.title,
                illustrative=chapter.illustrative,
                changed=None if recycled is None else 1 - recycled,
                pair=OutputPaths.pair_file(
                    pair.country, pair.old_year, pair.new_year, pair.chapter, "html"
                )
                if pair
                else None,
                chapter=OutputPaths.chapter_page(chapter.country, chapter.year, chapter.chapter),
            )
        return cls(
            country=chapters[0].country,
            slug=slug,
            years=years,
            chapters=chapters,
            pairs=pairs,
            coverage=coverage or [],
        )

    @property
    def gaps(self) -> list[CoverageRow]:
        """Catalogued years that could not be read."""
        return [c for c in self.coverage if c.status in ("unavailable", "rejected")]
