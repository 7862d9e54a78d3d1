import pytest

from crtdiff.errors import MetadataError
from tests.conftest import FIXTURES, ParseFn

REGION = FIXTURES / "pages" / "region-africa-2013.html"
URL = "https://2009-2017.state.gov/j/ct/rls/crt/2013/224820.htm"


@pytest.mark.parametrize(
    ("country", "first", "keys"),
    [
        ("Mali", "Mali's security situation improved", ["overview", "incidents", "legislation"]),
        ("Mauritania", "Mauritania remained a strong", ["overview", "legislation"]),
        ("Niger", "Niger faced threats", ["overview", "incidents"]),
    ],
)
def test_picks_the_country_out_of_a_region_page(
    country: str, first: str, keys: list[str], parse: ParseFn
) -> None:
    report = parse(REGION.read_bytes(), URL, country=country)
    assert (report.country, report.year) == (country, 2013)
    assert [s.key for s in report.sections] == keys
    assert report.sections[0].text.startswith(first)
    assert "Africa Overview" not in report.body
    assert "April 30, 2014" not in report.body


def test_region_page_without_a_country_says_which_are_there(parse: ParseFn) -> None:
    with pytest.raises(MetadataError, match=r"3 countries \(Mali, Mauritania, Niger\)"):
        parse(REGION.read_bytes(), URL)


def test_region_page_without_the_country_asked(parse: ParseFn) -> None:
    with pytest.raises(MetadataError, match="but not for Chad"):
        parse(REGION.read_bytes(), URL, country="Chad")


def test_a_list_of_country_names_is_not_a_region_page(parse: ParseFn) -> None:
    from tests.conftest import SEED

    menu = "\n".join(["Mali", "Niger", "Chad", "Burkina Faso", ""])
    report = parse((SEED.read_text(encoding="utf-8") + "\n" + menu).encode(), "mali-2016.txt")
    assert report.country == "Mali" and len(report.sections) == 6
