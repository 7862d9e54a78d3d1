import csv

import pytest

from crtdiff.reference.countries import COUNTRIES_FILE, REGIONS, load_countries

ROWS = list(csv.DictReader(COUNTRIES_FILE.open(encoding="utf-8")))


@pytest.mark.parametrize("row", ROWS, ids=[r["name"] for r in ROWS])
def test_every_name_alias_and_slug_resolves_to_its_row(row: dict[str, str]) -> None:
    table = load_countries()
    assert row["region"] in REGIONS
    assert table.resolve(row["name"]) is not None
    for alias in filter(None, row["aliases"].split("|")):
        resolved = table.resolve(alias)
        assert resolved is not None and resolved.name == row["name"], alias
    by_slug = table.by_slug(row["slug"])
    assert by_slug is not None and by_slug.name == row["name"]
    by_iso = table.by_iso3(row["iso3"])
    assert by_iso is not None and by_iso.name == row["name"]


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Cote d'Ivoire", "Cote d'Ivoire"),
        ("Côte d’Ivoire", "Cote d'Ivoire"),
        ("Ivory Coast", "Cote d'Ivoire"),
        ("Myanmar", "Burma"),
        ("the Gambia", "The Gambia"),
    ],
)
def test_spellings_resolve_to_one_canonical_name(written: str, canonical: str) -> None:
    resolved = load_countries().resolve(written)
    assert resolved is not None and resolved.name == canonical


@pytest.mark.parametrize(
    ("written", "closest"),
    [
        ("Mlai", ["Mali", "Malawi"]),  # a swapped pair of letters is one edit
        ("Chda", ["Chad"]),
        ("Nigr", ["Niger"]),
        ("Afganistan", ["Afghanistan"]),
        ("Burkina", ["Burkina Faso"]),  # typed in part
        ("Wakanda", []),
    ],
)
def test_closest_names_of_a_misspelt_country(written: str, closest: list[str]) -> None:
    table = load_countries()
    assert table.closest(written) == closest
    problem = table.unknown(written)
    assert problem.startswith(f"unknown country {written!r} (not in data/reference/countries.csv)")
    assert problem.endswith(f"; did you mean {' or '.join(closest)}?" if closest else ")")
