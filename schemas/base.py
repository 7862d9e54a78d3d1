"""Strict pydantic base model and the named field types shared by every schema."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from crtdiff.schemas.sections import load_sections

FIRST_REPORT_YEAR, LAST_REPORT_YEAR = 1990, 2100
"""The years a report may cover (the series began in the 1990s; the bound above stops typos)."""
ReportYear = Annotated[
    int,
    Field(ge=FIRST_REPORT_YEAR, le=LAST_REPORT_YEAR, description="Report year (the year covered)."),
]


def report_year_problem(year: int) -> str | None:
    """Why `year` cannot be a report year, or None when it can."""
    if FIRST_REPORT_YEAR <= year <= LAST_REPORT_YEAR:
        return None
    return (
        f"year {year} is outside the years of the reports ({FIRST_REPORT_YEAR}–{LAST_REPORT_YEAR})"
    )


Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$", description="Hex SHA-256 digest.")]
Offset = Annotated[int, Field(ge=0, description="Character offset into CountryReport.body.")]
IsoPartialDate = Annotated[
    str,
    Field(
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        description="ISO date as precise as the text: YYYY, YYYY-MM or YYYY-MM-DD.",
    ),
]
SectionKey = Annotated[
    str,
    Field(
        pattern=rf"^({'|'.join(r.key for r in load_sections())}"
        r"|other:[a-z0-9-]+|[a-z][a-z0-9]*:[a-z0-9-]+)$",
        description="Canonical section key (data/reference/sections.csv); `other:<slug>` for a "
        "heading the tables lack; "
        "`<series>:<unit>` for a unit of another series' outline (`hrr:killings`).",
    ),
]
GroupId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", description="Gazetteer id.")]


class StrictModel(BaseModel):
    """Base for every crtdiff model: unknown fields are errors, defaults are validated."""

    model_config = ConfigDict(extra="forbid", validate_default=True, use_attribute_docstrings=True)
