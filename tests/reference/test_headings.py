from pathlib import Path

import pytest

from crtdiff.errors import ConfigError
from crtdiff.reference.headings import CANONICAL_KEYS, load_headings, match_heading


def test_table_is_valid_and_covers_every_canonical_key() -> None:
    variants = load_headings()
    assert {v.key for v in variants} == set(CANONICAL_KEYS)
    assert match_heading("2016 Terrorist Incidents", variants) is not None
    assert match_heading("Terrorist incidents included", variants) is None


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("heading,key\nOverview,overview\n", "columns must be"),
        (
            "heading,key,first_year,last_year,note\nOverview,summary,2010,2022,\n",
            "unknown section key",
        ),
        ("heading,key,first_year,last_year,note\nOverview,overview,2022,2010,\n", "not valid"),
        (
            "heading,key,first_year,last_year,note\nOverview,overview,2010,2022,\n"
            "OVERVIEW,overview,2010,2022,\n",
            "listed twice",
        ),
    ],
)
def test_bad_tables_are_config_errors(content: str, problem: str, tmp_path: Path) -> None:
    path = tmp_path / "section_headings.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=problem):
        load_headings(path)
