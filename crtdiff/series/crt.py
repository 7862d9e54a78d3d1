"""The CRT plugin: CRT's sections, extractors and comparison, exactly as they were."""

from dataclasses import dataclass

from crtdiff.compare.year_diff import compare_crt_reports
from crtdiff.ingest.blocks import Block
from crtdiff.ingest.sections import SectionPlan, plan_sections
from crtdiff.reference.bundle import Reference
from crtdiff.reference.gazetteer import Gazetteer
from crtdiff.reference.headings import HeadingVariant
from crtdiff.reference.series import SeriesDefinition
from crtdiff.schemas import CountryReport
from crtdiff.schemas.diff import YearDiff
from crtdiff.series.extract import extract_series_facts


@dataclass(frozen=True)
class CrtPlugin:
    """Country Reports on Terrorism: section_headings.csv, topics for headless eras, the CRT
    extractor stack, compare_crt_reports."""

    definition: SeriesDefinition

    def body_headings(self, ref: Reference) -> tuple[HeadingVariant, ...]:
        """Every CRT heading opens the body."""
        return ref.headings

    def plan_sections(self, blocks: list[Block], ref: Reference) -> SectionPlan:
        """By heading where the chapter has them, by topic where not."""
        return plan_sections(blocks, ref.headings, ref.topics)

    def extract(self, report: CountryReport, ref: Reference) -> CountryReport:
        """The extractors of series.csv: groups, incidents, legal measures and organisations."""
        return extract_series_facts(report, ref, self.definition.extractors)

    def compare(self, old: CountryReport, new: CountryReport, gazetteer: Gazetteer) -> YearDiff:
        """The CRT year-to-year diff."""
        return compare_crt_reports(old, new, gazetteer)


def make_plugin(definition: SeriesDefinition) -> CrtPlugin:
    """The plugin of the CRT series."""
    return CrtPlugin(definition)
