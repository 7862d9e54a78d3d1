"""The plugin of a series compared unit by unit along an outline (data/reference/series/
<series>_outline.csv): long reports whose lettered sub-sections are the unit of comparison."""

from dataclasses import dataclass

from crtdiff.compare.subsections import compare_outline_reports
from crtdiff.ingest.blocks import Block
from crtdiff.ingest.sections import SectionPlan
from crtdiff.reference.bundle import Reference
from crtdiff.reference.gazetteer import Gazetteer
from crtdiff.reference.headings import HeadingVariant
from crtdiff.reference.outline import Outline
from crtdiff.reference.series import SeriesDefinition
from crtdiff.schemas import CountryReport
from crtdiff.schemas.diff import YearDiff
from crtdiff.series.extract import extract_series_facts
from crtdiff.series.plan import plan_outline


@dataclass(frozen=True)
class OutlinePlugin:
    """Sections from the outline canon, the series' extractors, the sub-section comparison."""

    definition: SeriesDefinition
    outline: Outline

    def body_headings(self, ref: Reference) -> tuple[HeadingVariant, ...]:
        """Only the opening summary opens the body: the table of contents before it is
        furniture."""
        return self.outline.summary_variants()

    def plan_sections(self, blocks: list[Block], ref: Reference) -> SectionPlan:
        """Units of the outline."""
        return plan_outline(blocks, self.outline)

    def extract(self, report: CountryReport, ref: Reference) -> CountryReport:
        """The extractors series.csv names for the series."""
        return extract_series_facts(report, ref, self.definition.extractors)

    def compare(self, old: CountryReport, new: CountryReport, gazetteer: Gazetteer) -> YearDiff:
        """Units matched across the two outlines, then compared one by one."""
        return compare_outline_reports(old, new, gazetteer, self.outline)
