"""Places of real phrasing (the gold chapters kenya-2015, jordan-2016, burkina-faso-2016): a
site named after its town, a district or province written after a town, a region named before
it, a country written after a comma."""

from tests.conftest import ParseFn
from tests.extract.test_incidents import chapter


def test_a_site_named_after_its_town_is_in_the_town(parse: ParseFn) -> None:
    report = chapter(
        parse,
        ["On December 18, gunmen attacked tourists in the Karak Castle, killing one."],
        country="Jordan",
    )
    assert [i.place for i in report.incidents] == ["Karak"]


def test_a_province_after_a_town_is_its_region(parse: ParseFn) -> None:
    report = chapter(
        parse,
        ["On December 16, gunmen attacked an army camp in Nassoumbou, Soum province."],
        country="Burkina Faso",
    )
    assert [(i.place, i.region) for i in report.incidents] == [("Nassoumbou", "Soum")]


def test_a_region_named_before_its_town(parse: ParseFn) -> None:
    report = chapter(
        parse,
        ["In Wajir County, on November 3, gunmen attacked a mosque in Wajir town, killing one."],
        country="Kenya",
        year=2015,
    )
    assert [(i.place, i.region) for i in report.incidents] == [("Wajir", "Wajir")]
