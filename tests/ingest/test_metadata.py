import pytest

from crtdiff.ingest.metadata import gather_clues
from crtdiff.reference.bundle import Reference


@pytest.mark.parametrize(
    ("title", "country", "year"),
    [
        ("Country Reports on Terrorism 2016: Mali", "Mali", 2016),
        ("Country Report on Terrorism 2018 - Chapter 1 - Mali", "Mali", 2018),
        ("Refworld | Country Reports on Terrorism 2012 - Niger", "Niger", 2012),
        ("2019 Country Reports on Terrorism: Côte d’Ivoire", "Cote d'Ivoire", 2019),
        ("Ivory Coast - Country Reports on Terrorism 2020", "Cote d'Ivoire", 2020),
        ("Country Reports on Terrorism 2021: Burma", "Burma", 2021),
    ],
)
def test_country_and_year_from_titles(
    title: str, country: str, year: int, reference: Reference
) -> None:
    clues = gather_clues([title], "", "", reference.countries)
    assert clues.countries[0][0].name == country
    assert clues.years[0][0] == year


@pytest.mark.parametrize(
    ("uri", "country", "year"),
    [
        (
            "https://www.state.gov/reports/country-reports-on-terrorism-2019/cote-divoire/",
            "Cote d'Ivoire",
            2019,
        ),
        (
            "https://2017-2021.state.gov/reports/country-reports-on-terrorism-2018/niger/",
            "Niger",
            2018,
        ),
        ("data/raw/burkina-faso/2017.html", "Burkina Faso", 2017),
        ("crt-2016-mali.txt", "Mali", 2016),
        ("/tmp/chapters/kenya-2005.txt", "Kenya", 2005),
    ],
)
def test_country_and_year_from_urls_and_paths(
    uri: str, country: str, year: int, reference: Reference
) -> None:
    clues = gather_clues([], uri, "", reference.countries)
    assert clues.countries[0][0].name == country
    assert clues.years[0][0] == year


def test_region_page_url_gives_the_year_only(reference: Reference) -> None:
    clues = gather_clues(
        [], "https://2009-2017.state.gov/j/ct/rls/crt/2013/224820.htm", "", reference.countries
    )
    assert clues.countries == []
    assert clues.years[0][0] == 2013


def test_incidents_heading_gives_a_year(reference: Reference) -> None:
    clues = gather_clues([], "", "2014 Terrorist Incidents: none.", reference.countries)
    assert clues.years[0][0] == 2014


def test_other_series_and_safe_havens(reference: Reference) -> None:
    hrr = gather_clues(
        ["2019 Country Reports on Human Rights Practices: Mali"], "", "", reference.countries
    )
    assert hrr.other_series == "Country Reports on Human Rights Practices"
    haven = gather_clues(
        ["Country Reports on Terrorism 2015: Terrorist Safe Havens"], "", "", reference.countries
    )
    assert haven.chapter == "safe-haven"


def test_the_report_title_alone_gives_the_year(reference: Reference) -> None:
    """A volume's title or running header names no country, but it does name the year."""
    clues = gather_clues(["Country Reports on Terrorism 2016"], "crt.pdf", "", reference.countries)
    assert clues.years == [(2016, "title 'Country Reports on Terrorism 2016'")]
    assert clues.countries == []
