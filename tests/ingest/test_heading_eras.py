"""A heading spelling found outside the years section_headings.csv gives it is read all the same,
with a `heading_out_of_era` warning in the report's notes."""

import pytest

from crtdiff.schemas import CountryReport
from tests.conftest import ParseFn

# "Countering Terrorist Finance" is the spelling of 2010-2012, "Countering the Financing of
# Terrorism" that of 2013 on.
CHAPTER = (
    "Overview: The government remained a willing counterterrorism partner in {year}. Terrorist "
    "groups attacked military forces and civilians in the north, and the army answered with "
    "operations of its own across the region.\n\n"
    "{finance}: The financial intelligence unit froze two accounts linked to the group. The "
    "country is a member of a Financial Action Task Force-style regional body.\n"
)


def _eras(report: CountryReport) -> list[str]:
    return [w.message for w in report.warnings if w.code == "heading_out_of_era"]


@pytest.mark.parametrize(
    ("year", "finance", "warned"),
    [
        (2011, "Countering Terrorist Finance", False),
        (2016, "Countering the Financing of Terrorism", False),
        (2016, "Countering Terrorist Finance", True),
        (2011, "Countering the Financing of Terrorism", True),
    ],
)
def test_a_heading_outside_its_era_is_read_and_noted(
    parse: ParseFn, year: int, finance: str, warned: bool
) -> None:
    text = CHAPTER.format(year=year, finance=finance).encode()
    report = parse(text, "chapter.txt", country="Mali", year=year)
    assert [s.key for s in report.sections] == ["overview", "financing"]
    if warned:
        assert _eras(report) == [
            f"heading {finance!r} is listed for "
            f"{'2010–2012' if 'Finance' in finance else '2013–2022'} in section_headings.csv, "
            f"found in a {year} chapter; read as its section all the same"
        ]
    else:
        assert _eras(report) == []


def test_the_real_chapter_has_every_heading_in_its_era(seed_report: CountryReport) -> None:
    assert _eras(seed_report) == []
