"""Small summaries of chapters and pairs: what a country's timeline and the site index show.

Kept in the result store beside each report and diff, so that the timeline and the index can
be rebuilt without reading (or re-validating) whole reports.
"""

from pydantic import BaseModel, ConfigDict

from crtdiff.compare.incidents import toll_total
from crtdiff.text.normalize import slugify
from schemas import CountryReport
from schemas.diff import YearDiff


class _Summary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ChapterSummary(_Summary):
    """One chapter, as the country timeline shows it."""

    country: str
    year: int
    chapter: str
    title: str
    illustrative: bool
    incidents: int
    killed: int | None
    """Least number killed over the incidents that give a figure; None when none does."""
    groups: list[str]

    @classmethod
    def of(cls, report: CountryReport) -> "ChapterSummary":
        """Summarise a report."""
        return cls(
            country=report.country,
            year=report.year,
            chapter=report.chapter,
            title=report.title,
            illustrative=report.source.illustrative,
            incidents=len(report.incidents),
            killed=toll_total(report.incidents, "killed_min")[0],
            groups=[g.name for g in report.groups],
        )

    @property
    def stem(self) -> str:
        """File stem of the chapter page: the year (plus the chapter kind when not `country`)."""
        return str(self.year) if self.chapter == "country" else f"{self.year}-{self.chapter}"


class PairSummary(_Summary):
    """One pair of years, as the country timeline and the index show it."""

    country: str
    chapter: str
    old_year: int
    new_year: int
    illustrative: bool
    headline: str
    recycled_share: float | None
    cosines: dict[str, float | None]

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
        )

    @property
    def stem(self) -> str:
        """File stem of the pair's pages: `<old>-<new>`."""
        return f"{self.old_year}-{self.new_year}"


class YearCell(_Summary):
    """One country-year of the site index."""

    title: str
    illustrative: bool
    changed: float | None
    """Share of the chapter's sentences not carried over from the year before."""
    pair: str | None
    """Link to the change summary from the year before."""
    chapter: str
    """Link to the chapter page."""


class CountrySummary(_Summary):
    """What the site index needs to know about one country."""

    country: str
    slug: str
    years: dict[int, YearCell]

    @classmethod
    def of(cls, chapters: list[ChapterSummary], pairs: list[PairSummary]) -> "CountrySummary":
        """Summarise a country from its chapters and pairs."""
        slug = slugify(chapters[0].country)
        by_new_year = {p.new_year: p for p in pairs}
        years: dict[int, YearCell] = {}
        for chapter in chapters:
            pair = by_new_year.get(chapter.year)
            recycled = pair.recycled_share if pair else None
            years[chapter.year] = YearCell(
                title=chapter.title,
                illustrative=chapter.illustrative,
                changed=None if recycled is None else 1 - recycled,
                pair=f"{slug}/{pair.stem}.html" if pair else None,
                chapter=f"{slug}/{chapter.stem}.html",
            )
        return cls(country=chapters[0].country, slug=slug, years=years)
