"""Sectioning: every heading variant of the data file, inline and element headings, unknown
headings, and headless eras."""

import csv

import pytest

from crtdiff.ingest.blocks import Block, BlockKind
from crtdiff.ingest.sections import plan_sections
from crtdiff.reference.bundle import Reference
from crtdiff.reference.headings import HEADINGS_FILE
from crtdiff.schemas import SectionAssignment
from crtdiff.schemas.sections import canonical_keys
from tests.conftest import FIXTURES, ParseFn

ROWS = list(csv.DictReader(HEADINGS_FILE.open(encoding="utf-8")))
FILLER = (
    "Terrorist groups remained active in the north and the center of the country, and the "
    "government continued to rely on its international partners for security.\n\n"
)


def as_written(heading: str, year: int) -> str:
    return heading.replace("{year}", str(year))


@pytest.mark.parametrize("row", ROWS, ids=[r["heading"] for r in ROWS])
def test_every_heading_variant_in_the_data_file(row: dict[str, str], parse: ParseFn) -> None:
    year = int(row["last_year"])
    heading = as_written(row["heading"], year)
    other = "Overview" if row["key"] != "overview" else "Countering Violent Extremism"
    text = (
        f"Country Reports on Terrorism {year}: Mali\n\n"
        f"{other}: Mali remained a partner in counterterrorism against terrorist groups.\n\n"
        f"{FILLER}"
        f"{heading}: The text of this section stands here. It has two sentences.\n"
    )
    report = parse(text.encode())
    section = report.section(row["key"])
    assert section is not None, heading
    assert section.heading == heading
    assert section.text == "The text of this section stands here. It has two sentences."
    assert len(section.sentences) == 2


@pytest.mark.parametrize(
    "variant",
    [
        "Legislation, Law Enforcement and Border Security",  # no Oxford comma
        "LEGISLATION, LAW ENFORCEMENT, AND BORDER SECURITY",
        "Legislation, Law Enforcement & Border Security",
    ],
)
def test_heading_matching_ignores_case_commas_and_ampersands(
    variant: str, reference: Reference
) -> None:
    blocks = [Block(BlockKind.PARAGRAPH, f"{variant}: Text about the law.")]
    plan = plan_sections(blocks, reference.headings, reference.topics)
    assert list(plan.headings) == ["legislation"]


def test_heading_elements_and_bold_lines(reference: Reference) -> None:
    blocks = [
        Block(BlockKind.HEADING, "Overview", level=3),
        Block(BlockKind.PARAGRAPH, "Mali remained a partner."),
        Block(
            BlockKind.PARAGRAPH, "2016 Terrorist Incidents", bold_lead="2016 Terrorist Incidents"
        ),
        Block(BlockKind.BULLET, "On May 1, an attack."),
    ]
    plan = plan_sections(blocks, reference.headings, reference.topics)
    assert [(p.key, p.content) for p in plan.pieces] == [
        ("overview", ""),
        ("overview", "Mali remained a partner."),
        ("incidents", ""),
        ("incidents", "On May 1, an attack."),
    ]


def test_unknown_heading_is_its_own_section_with_a_warning(parse: ParseFn) -> None:
    report = parse(FIXTURES / "chapters" / "somalia-2013.txt")
    section = report.section("other:terrorist-safe-haven-assessment")
    assert section is not None
    assert section.heading == "Terrorist Safe Haven Assessment"
    assert section.assigned_by is SectionAssignment.HEADING
    assert [w.code for w in report.warnings] == ["unknown_heading"]
    assert "Terrorist Safe Haven Assessment" in report.warnings[0].message


def test_labels_that_are_not_headings_stay_in_the_text(parse: ParseFn) -> None:
    text = (
        "Overview: Mali remained a partner against terrorism.\n\n"
        f"{FILLER}"
        "Terrorist incidents included: an attack in Gao.\n\n"
        "Note: figures are estimates.\n"
    )
    report = parse(text.encode(), "mali-2016.txt")
    assert [s.key for s in report.sections] == ["overview"]
    assert "Terrorist incidents included: an attack in Gao." in report.sections[0].text


def test_text_before_the_first_heading_is_kept(parse: ParseFn) -> None:
    text = (
        "Mali faced a difficult year of terrorist attacks in the north and center.\n\n"
        "Overview: Mali remained a partner.\n\n"
        f"{FILLER}"
    )
    report = parse(text.encode(), "mali-2016.txt")
    assert [s.key for s in report.sections] == ["body", "overview"]
    assert "text_before_first_heading" in [w.code for w in report.warnings]


def test_repeated_heading_merges_with_a_warning(parse: ParseFn) -> None:
    text = (
        "Overview: Mali remained a partner against terrorism.\n\n"
        f"{FILLER}"
        "Countering Violent Extremism: First part.\n\n"
        "Countering Violent Extremism: Second part.\n"
    )
    report = parse(text.encode(), "mali-2016.txt")
    section = report.section("violent_extremism")
    assert section is not None
    assert section.text == "First part.\n\nSecond part."
    assert "repeated_heading" in [w.code for w in report.warnings]


@pytest.mark.parametrize("name", ["kenya-2005.txt", "indonesia-2009.txt"])
def test_headless_eras_assign_by_topic_and_drop_nothing(name: str, parse: ParseFn) -> None:
    path = FIXTURES / "chapters" / name
    report = parse(path)
    assert report.warnings[0].code == "headless_chapter"
    assert report.sections[0].key == "overview"
    assert all(
        s.assigned_by in (SectionAssignment.TOPIC, SectionAssignment.UNSECTIONED)
        for s in report.sections
    )
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    paragraphs = [line.strip() for line in lines if line.strip()]
    for paragraph in paragraphs:
        text = paragraph.lstrip("•- ").strip()
        assert any(text in s.text for s in report.sections), text[:60]


def test_headless_2009_bullets_land_in_incidents(parse: ParseFn) -> None:
    report = parse(FIXTURES / "chapters" / "indonesia-2009.txt")
    incidents = report.section("incidents")
    assert incidents is not None
    assert any(s.text.startswith("On July 17, suicide bombers") for s in incidents.sentences)


def test_headless_paragraphs_go_to_their_topics(parse: ParseFn) -> None:
    report = parse(FIXTURES / "chapters" / "pakistan-2006.txt")
    assert [s.key for s in report.sections] == list(canonical_keys())
