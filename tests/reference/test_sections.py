"""sections.csv is valid and every row is used: each section has heading spellings and topic
terms, is what the seed chapter is cut into, and names its section in the headline; `body` is
the key of unsectioned text. Broken tables are one-line configuration errors."""

from pathlib import Path

import pytest

from crtdiff.compare.headline import section_name
from crtdiff.errors import ConfigError
from crtdiff.reference.headings import load_headings
from crtdiff.reference.topics import load_topics
from crtdiff.schemas import CountryReport, Section, SectionAssignment
from crtdiff.schemas.sections import BODY_KEY, canonical_keys, load_sections, section_names


def test_rows_in_order_with_body_last() -> None:
    rows = load_sections()
    assert [r.order for r in rows] == sorted(r.order for r in rows)
    assert canonical_keys() == tuple(r.key for r in rows if r.key != BODY_KEY)
    assert rows[-1].key == BODY_KEY


@pytest.mark.parametrize("key", canonical_keys())
def test_every_section_is_used(key: str, seed_report: CountryReport) -> None:
    assert key in {v.key for v in load_headings()}, "no heading spelling"
    assert key in {t.key for t in load_topics().terms}, "no topic term"
    assert key in [s.key for s in seed_report.sections], "not a section of the seed chapter"
    assert section_name(key) == section_names()[key]


def test_body_is_the_key_of_unsectioned_text() -> None:
    section = Section(
        key=BODY_KEY, heading=None, assigned_by=SectionAssignment.UNSECTIONED, text="", sentences=[]
    )
    assert section.key == "body" and section_name(BODY_KEY) == "Unsectioned text"


def test_the_schema_refuses_a_key_the_table_lacks() -> None:
    with pytest.raises(ValueError, match="string_pattern_mismatch"):
        Section(
            key="summary",
            heading=None,
            assigned_by=SectionAssignment.UNSECTIONED,
            text="",
            sentences=[],
        )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("key,name\noverview,Overview\n", "columns must be"),
        ("key,name,order,note\nOverview,Overview,1,\nbody,Text,2,\n", "lower-case word"),
        ("key,name,order,note\noverview,Overview,1,\noverview,Again,2,\nbody,T,3,\n", "new"),
        ("key,name,order,note\noverview,,1,\nbody,Text,2,\n", "name is required"),
        ("key,name,order,note\noverview,Overview,first,\nbody,Text,2,\n", "whole number"),
        ("key,name,order,note\noverview,Overview,1,\n", "'body' row is missing"),
        ("key,name,order,note\noverview,Overview,1,\nbody,Text,1,\n", "share an order"),
    ],
)
def test_bad_tables_are_config_errors(content: str, problem: str, tmp_path: Path) -> None:
    path = tmp_path / "sections.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=problem):
        load_sections(path)
