"""`--country`: every name must designate a catalogued country, or the command stops."""

from pathlib import Path

import pytest

from crtdiff.catalog.load import load_catalog
from crtdiff.catalog.select import select_countries
from crtdiff.errors import ConfigError
from crtdiff.reference.bundle import Reference


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    entry = '[[report]]\ncountry = "{}"\nyear = 2016\nsource = "raw/x.txt"\n'
    path = tmp_path / "sources.toml"
    path.write_text(entry.format("Mali") + entry.format("Republic of Niger"), encoding="utf-8")
    return path


def test_names_and_aliases_give_canonical_names_once(catalog: Path, reference: Reference) -> None:
    loaded = load_catalog(catalog, reference.countries)
    chosen = select_countries(
        loaded, reference.countries, ["mali", "Niger", "Republic of Mali"], None
    )
    assert chosen == ["Mali", "Niger"]


def test_unknown_and_uncatalogued_countries_stop_the_command(
    catalog: Path, reference: Reference
) -> None:
    loaded = load_catalog(catalog, reference.countries)
    with pytest.raises(ConfigError, match="did you mean Mali") as typo:
        select_countries(loaded, reference.countries, ["Mali", "Mlai"], None)
    assert typo.value.exit_code == 2
    with pytest.raises(ConfigError, match=r"no chapter of Chad in .*sources\.toml; add one"):
        select_countries(loaded, reference.countries, ["Chad"], [2016])
