"""Every country term is valid and used: it names a canonical country and the matcher finds it
as that country's (no other term shadows it)."""

import csv
from pathlib import Path

import pytest

from crtdiff.errors import ConfigError
from crtdiff.reference.countries import COUNTRIES_FILE
from crtdiff.reference.country_terms import NEUTRAL, TERMS_FILE, load_country_terms

ROWS = list(csv.DictReader(TERMS_FILE.open(encoding="utf-8")))
TERMS = load_country_terms()


def row_terms(row: dict[str, str]) -> list[tuple[str, str]]:
    named = [
        (t.strip(), row["country"])
        for column in ("demonyms", "capital", "places")
        for t in row[column].split("|")
        if t.strip()
    ]
    return named + [(t.strip(), NEUTRAL) for t in row["not_this_country"].split("|") if t.strip()]


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["country"])
def test_each_term_is_found_as_its_country(row: dict[str, str]) -> None:
    assert row_terms(row), f"{row['country']}: a row with no term"
    for term, country in row_terms(row):
        found = [(m.group(0), c) for m, c in TERMS.find(f"In {term}, the year began.")]
        assert found == [(term, country)], (term, found)


def test_country_names_and_aliases_are_terms_too() -> None:
    found = [c for _, c in TERMS.find("Côte d’Ivoire, the DRC and Burkina Faso")]
    assert found == ["Cote d'Ivoire", "Democratic Republic of the Congo", "Burkina Faso"]
    # Longest first, whole words only: Niger is not in Nigeria or Nigerien, Mali not in Somali.
    found = [c for _, c in TERMS.find("Nigerian, Nigerien, Niger, Somali and the Niger Delta")]
    assert found == ["Nigeria", "Niger", "Niger", "Somalia", "Nigeria"]


def test_a_places_table_is_used_when_it_lands(tmp_path: Path) -> None:
    (tmp_path / "countries.csv").write_bytes(COUNTRIES_FILE.read_bytes())
    (tmp_path / "country_terms.csv").write_bytes(TERMS_FILE.read_bytes())
    (tmp_path / "places.csv").write_text(
        "name,variants,level,region,country\nTillaberi,Tillabery|Tillabéri,town,,Niger\n"
        "Ouallam,,town,,Niger\nNowhere,,town,,Atlantis\n"
        # A region's name and a name two countries share tell no country.
        "Centre,,region,,Burkina Faso\nZedtown,,town,,Chad\nZedtown,,town,,Sudan\n",
        encoding="utf-8",
    )
    terms = load_country_terms(tmp_path / "country_terms.csv", tmp_path / "countries.csv")
    assert [c for _, c in terms.find("Ouallam and Tillabery")] == ["Niger", "Niger"]
    assert [c for _, c in terms.find("the Centre region and Zedtown")] == []


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("country,demonyms\nMali,Malian\n", "columns must be"),
        ("country,demonyms,capital,places,not_this_country\nMaly,Malian,,,\n", "not a canonical"),
        (
            "country,demonyms,capital,places,not_this_country\nMali,Malian,,,\nNiger,Malian,,,\n",
            "names both Mali and Niger",
        ),
    ],
)
def test_bad_tables_are_config_errors(content: str, problem: str, tmp_path: Path) -> None:
    path = tmp_path / "country_terms.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=problem):
        load_country_terms(path, COUNTRIES_FILE)
