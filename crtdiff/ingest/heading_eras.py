"""Headings read outside their era: section_headings.csv says in which report years each spelling
was used, so a spelling found in another year is worth a look (a mislabelled year, or a table
row whose years need widening). The section is still read; the report's notes say so."""

from crtdiff.reference.headings import HeadingVariant, match_heading
from crtdiff.schemas import IngestWarning, Section, SectionAssignment


def heading_era_warnings(
    sections: list[Section], variants: tuple[HeadingVariant, ...], year: int
) -> list[IngestWarning]:
    """One `heading_out_of_era` warning per heading whose table row's years exclude `year`."""
    warnings: list[IngestWarning] = []
    for section in sections:
        if section.assigned_by is not SectionAssignment.HEADING or section.heading is None:
            continue
        variant = match_heading(section.heading, variants)
        if variant is None or variant.first_year <= year <= variant.last_year:
            continue
        warnings.append(
            IngestWarning(
                code="heading_out_of_era",
                message=f"heading {section.heading!r} is listed for {variant.first_year}–"
                f"{variant.last_year} in section_headings.csv, found in a {year} chapter; "
                "read as its section all the same",
            )
        )
    return warnings
