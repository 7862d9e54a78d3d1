"""Mirror and copy hosts: translations.state.gov (the seed), refworld, ecoi, PDF-derived text."""

from crtdiff.schemas import CountryReport
from tests.conftest import FIXTURES, ParseFn

PAGES = FIXTURES / "pages"


def assert_clean(report: CountryReport, furniture: list[str]) -> None:
    for line in furniture:
        assert line not in report.body, line


def test_translations_seed_furniture(seed_report: CountryReport) -> None:
    assert seed_report.source.host == "translations.state.gov"
    assert_clean(
        seed_report,
        [
            "Français",
            "Bureau of Counterterrorism and Countering Violent Extremism",
            "Country Reports on Terrorism 2016: Mali",
            "This translation is provided",
            "Email Updates",
            "To sign up for updates",
        ],
    )
    assert seed_report.body.startswith("Overview: The Government of Mali")
    assert seed_report.body.endswith("in the Sahel-Sahara region.")


def test_refworld_page(parse: ParseFn) -> None:
    report = parse(
        PAGES / "refworld-2012-chad.html", "https://www.refworld.org/docid/51c2f3a418.html"
    )
    assert (report.country, report.year, report.source.host) == ("Chad", 2012, "refworld")
    assert report.title == "Country Reports on Terrorism 2012 - Chad"
    assert [s.key for s in report.sections] == [
        "overview",
        "legislation",
        "financing",
        "cooperation",
        "violent_extremism",
    ]
    assert_clean(
        report,
        ["Last Updated", "Publisher", "Cite as", "UNHCR", "Search Refworld", "Copyright", "Topics"],
    )


def test_refworld_url_year_is_the_publication_year_and_ignored(parse: ParseFn) -> None:
    page = (PAGES / "refworld-2012-chad.html").read_bytes()
    report = parse(page, "https://www.refworld.org/reference/annualreport/usdos/2013/en/69899")
    assert report.year == 2012
    assert not [w for w in report.warnings if w.code == "year_mismatch"]


def test_ecoi_page(parse: ParseFn) -> None:
    report = parse(
        PAGES / "ecoi-2018-burkina-faso.html", "https://www.ecoi.net/en/document/2008123.html"
    )
    assert (report.country, report.year, report.source.host) == ("Burkina Faso", 2018, "ecoi")
    assert len(report.sections) == 6
    assert_clean(
        report, ["Associated documents", "ecoi.net", "Document #", "USDOS", "Imprint", "2019"]
    )


def test_pdf_derived_text(parse: ParseFn) -> None:
    report = parse(PAGES / "pdf-extract-2016-chad.txt")
    assert (report.country, report.year) == ("Chad", 2016)
    assert len(report.sections) == 6
    assert_clean(report, ["212", "213", "Country Reports on Terrorism 2016", "<br"])
    legislation = report.section("legislation")
    assert legislation is not None
    assert "Border security remained a priority" in legislation.text
    assert "suspected members of Boko Haram, but the judicial system" in legislation.text
    incidents = report.section("incidents")
    assert incidents is not None
    assert any(s.text.startswith("On May 4, Boko Haram") for s in incidents.sentences)
