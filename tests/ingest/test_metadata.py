import pytest

from crtdiff.ingest.metadata import PageText, add_text_clues, gather_clues
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
    clues = gather_clues(PageText([title]), reference.countries, reference.editions)
    assert clues.countries[0].country.name == country
    assert clues.years[0].years == {year}


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
    clues = gather_clues(PageText(uri=uri), reference.countries, reference.editions)
    assert clues.countries[0].country.name == country
    assert clues.years[0].years == {year}


def test_region_page_url_gives_the_year_only(reference: Reference) -> None:
    uri = "https://2009-2017.state.gov/j/ct/rls/crt/2013/224820.htm"
    clues = gather_clues(PageText(uri=uri), reference.countries, reference.editions)
    assert clues.countries == []
    assert clues.years[0].years == {2013}


def test_incidents_heading_gives_a_year(reference: Reference) -> None:
    clues = gather_clues(PageText(), reference.countries, reference.editions)
    add_text_clues(clues, "", "2014 Terrorist Incidents: none.", reference.countries)
    assert clues.years[0].years == {2014}


def test_other_series_and_safe_havens(reference: Reference) -> None:
    hrr = gather_clues(
        PageText(["2019 Country Reports on Human Rights Practices: Mali"]),
        reference.countries,
        reference.editions,
    )
    assert hrr.other_series == "Country Reports on Human Rights Practices"
    haven = gather_clues(
        PageText(["Country Reports on Terrorism 2015: Terrorist Safe Havens"]),
        reference.countries,
        reference.editions,
    )
    assert haven.chapter == "safe-haven"


def clues_of(reference: Reference, **page: object) -> list[tuple[str, str]]:
    """Each clue as (kind, value): countries by name, years as `2017` or `2021|2022`."""
    clues = gather_clues(PageText(**page), reference.countries, reference.editions)  # type: ignore[arg-type]
    found = [("country", c.country.name) for c in clues.countries]
    return found + [("year", "|".join(str(y) for y in sorted(c.years))) for c in clues.years]


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        # The translation site's slug holds the report year and the country.
        (
            "https://translations.state.gov/2017/07/26/country-reports-on-terrorism-2016-mali/",
            [("country", "Mali"), ("year", "2016")],
        ),
        # refworld's old URLs carry the country's ISO3 code, never the year.
        ("https://www.refworld.org/country,,USDOS,,MLI,,5b63f1f2a,0.html", [("country", "Mali")]),
        (
            "http://www.refworld.org/cgi-bin/texis/vtx/rwmain?page=country&docid=4c63b&coi=NER",
            [("country", "Niger")],
        ),
        # refworld's new URLs carry the publication year: the report year is the edition's.
        (
            "https://www.refworld.org/reference/annualreport/usdos/2018/en/122345",
            [("year", "2017")],
        ),
        # 2023 saw the 2021 and the 2022 editions: either, to be told by another clue.
        (
            "https://www.refworld.org/reference/annualreport/usdos/2023/en/142345",
            [("year", "2021|2022")],
        ),
        # No edition was published in 2022: no clue rather than a wrong one.
        ("https://www.refworld.org/reference/annualreport/usdos/2022/en/140001", []),
        ("https://www.refworld.org/docid/51c2f3a418.html", []),
        ("https://www.ecoi.net/en/document/2031436.html", []),
    ],
)
def test_url_clues(uri: str, expected: list[tuple[str, str]], reference: Reference) -> None:
    assert clues_of(reference, uri=uri) == expected


@pytest.mark.parametrize(
    "title",
    [
        "Country Reports on Terrorism 2019 - Mali | Refworld",
        "Refworld | Country Reports on Terrorism 2019 - Mali",
        "USDOS – US Department of State: Country Report on Terrorism 2019 - Chapter 1 - Mali",
        "Country Report on Terrorism 2019 - Chapter 1 - Mali (USDOS – US Department of State) "
        "| ecoi.net",
    ],
)
def test_mirror_titles(title: str, reference: Reference) -> None:
    assert clues_of(reference, titles=[title]) == [("country", "Mali"), ("year", "2019")]


def test_mirror_metadata_lines(reference: Reference) -> None:
    refworld = ["Countries: Mali", "Publication Date: 19 September 2018"]
    assert clues_of(reference, metadata=refworld) == [("country", "Mali"), ("year", "2017")]
    ecoi = [
        "Published: 24 June 2020",
        "Original link: https://www.state.gov/reports/country-reports-on-terrorism-2019/somalia/",
    ]
    assert clues_of(reference, metadata=ecoi) == [
        ("country", "Somalia"),
        ("year", "2019"),
        ("year", "2019"),
    ]
    # Several countries, or a date before the first edition: no clue.
    assert clues_of(reference, metadata=["Countries: Mali, Niger", "Published: 1 May 2001"]) == []


def test_running_header_gives_the_volume_year(reference: Reference) -> None:
    assert clues_of(reference, running=["212", "Country Reports on Terrorism 2016"]) == [
        ("year", "2016")
    ]
    # Two volumes' headers disagree: no clue from them.
    assert clues_of(reference, running=["Country Reports on Terrorism 2015", "Country Reports on Terrorism 2016"]) == []  # fmt: skip


@pytest.mark.parametrize(
    ("opening", "country"),
    [
        ("Overview: Kenya is a strong partner of the United States.", "Kenya"),
        ("Overview: The Government of Mali remained a willing partner.", "Mali"),
        ("Overview:  In 2019, Niger continued to face attacks.", "Niger"),
        ("Overview: Côte d’Ivoire remained a strong partner.", "Cote d'Ivoire"),
        ("Overview: Bosnia and Herzegovina continued to cooperate.", "Bosnia and Herzegovina"),
        ("Kenya remained a strong partner in the global war on terrorism.", "Kenya"),
        ("Overview: Terrorist activity in Mali increased.", None),
        ("Overview: Al-Shabaab remained the main threat.", None),
    ],
)
def test_opening_sentence_names_the_country(
    opening: str, country: str | None, reference: Reference
) -> None:
    clues = gather_clues(PageText(), reference.countries, reference.editions)
    add_text_clues(clues, opening, opening, reference.countries)
    assert [c.country.name for c in clues.countries] == ([country] if country else [])
    assert all(not c.strong for c in clues.countries)


def test_the_report_title_alone_gives_the_year(reference: Reference) -> None:
    """A volume's title or running header names no country, but it does name the year."""
    assert clues_of(reference, titles=["Country Reports on Terrorism 2016"], uri="crt.pdf") == [
        ("year", "2016")
    ]
