"""Every row of places.csv is valid, and each of its written forms is read as that row by the
place extractor, in a sentence of the kind the chapters write."""

from pathlib import Path

import pytest

from crtdiff.errors import ConfigError
from crtdiff.extract.places import find_place
from crtdiff.reference.countries import load_countries
from crtdiff.reference.places import LEVELS, PLACES_FILE, Place, load_places

TABLE = load_places()
PLACES = sorted(TABLE.places, key=lambda p: (p.country, p.level, p.name))


def _sentence(place: Place, written: str) -> str:
    if place.level == "town":
        return f"On May 3, gunmen attacked a market in {written}, killing two people."
    return (
        f"On May 3, gunmen attacked a village in the {written} {place.level}, killing two people."
    )


@pytest.mark.parametrize("place", PLACES, ids=[f"{p.country}-{p.level}-{p.name}" for p in PLACES])
def test_every_written_form_is_read_as_its_row(place: Place) -> None:
    assert place.level in LEVELS
    for written in place.names:
        found = find_place(
            _sentence(place, written), load_countries(), places=TABLE, home=place.country
        )
        assert (found.place, found.canonical, found.country) == (written, place.name, place.country)
        assert found.region is None, written  # a region is no region of itself


@pytest.mark.parametrize(
    ("text", "home", "place", "canonical", "region", "country"),
    [
        ("attacked Bosso town in the Diffa region", "Niger", "Bosso", "Bosso", "Diffa", "Niger"),
        ("attacked a checkpoint in Diffa", "Niger", "Diffa", "Diffa", None, "Niger"),
        ("attacked a camp in the Diffa region", "Niger", "Diffa", "Diffa", None, "Niger"),
        ("attacked a camp in Diffa Region", "Niger", "Diffa", "Diffa", None, "Niger"),
        ("abducted in Arlit", "Mali", "Arlit", "Arlit", None, "Niger"),
        (
            "a bombing in Surakarta, Central Java",
            "Indonesia",
            "Surakarta",
            "Solo",
            "Central Java",
            "Indonesia",
        ),
        (
            "bombings in Hargeisa, Somaliland, and on offices in Bosaso",
            "Somalia",
            "Hargeisa",
            "Hargeisa",
            "Somaliland",
            "Somalia",
        ),
        ("attacks in Gao, Timbuktu, and Kidal", "Mali", "Gao", "Gao", None, "Mali"),
        ("an IED in Kidal, Timbuktu region", "Mali", "Kidal", "Kidal", None, "Mali"),
        # A name shared by two countries places nothing abroad; at home it is the home one.
        ("an attack in Tripoli", "Mali", "Tripoli", None, None, "Mali"),
        ("an attack in Tripoli", "Lebanon", "Tripoli", "Tripoli", None, "Lebanon"),
        # A region's name is too generic to place an event abroad.
        ("fighting in the Sahel region", "Mali", "Sahel", None, None, "Mali"),
        ("an attack in Soum province", "Burkina Faso", "Soum", "Soum", None, "Burkina Faso"),
        (
            "an attack near Tiabongou in the Sahel region",
            "Burkina Faso",
            "Tiabongou",
            "Tiabongou",
            "Sahel",
            "Burkina Faso",
        ),
        (
            "an IED in al-Arish, North Sinai",
            "Egypt",
            "al-Arish",
            "El Arish",
            "North Sinai",
            "Egypt",
        ),
        # An ethnic or national word before a noun is no place.
        ("gunmen attacked Tuareg civilians in Menaka", "Mali", "Menaka", "Menaka", None, "Mali"),
    ],
)
def test_places_regions_and_countries(
    text: str, home: str, place: str, canonical: str | None, region: str | None, country: str
) -> None:
    found = find_place(text, load_countries(), places=TABLE, home=home)
    assert (found.place, found.canonical, found.region) == (place, canonical, region)
    assert (found.country or home) == country


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("Zed,,hamlet,,Mali", "level 'hamlet'"),
        ("Zed,,town,,Atlantis", "not a name in countries.csv"),
        ("Zed,,town,Nowhere,Mali", "not a region row of Mali"),
        ("Zed,Gao,town,Gao,Mali", "names both"),
        (",,town,,Mali", "name is empty"),
    ],
)
def test_bad_rows_are_config_errors(row: str, problem: str, tmp_path: Path) -> None:
    (tmp_path / "countries.csv").write_text(
        (PLACES_FILE.parent / "countries.csv").read_text(encoding="utf-8"), encoding="utf-8"
    )
    places = tmp_path / "places.csv"
    places.write_text(PLACES_FILE.read_text(encoding="utf-8") + row + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=problem):
        load_places(places)
