"""parse_chapter end to end: the seed, metadata decisions, and every rejection."""

import pytest

from crtdiff.errors import MetadataError, NoChapterError
from crtdiff.schemas import CountryReport
from tests.conftest import SEED, ParseFn

CHAPTER = (
    "Overview: The government remained a willing counterterrorism partner.\n\n"
    "2016 Terrorist Incidents: Terrorist groups attacked military forces in the north.\n\n"
    "Legislation, Law Enforcement, and Border Security: The courts convicted three men.\n"
)


def test_seed_sections_are_complete(seed_report: CountryReport) -> None:
    assert (seed_report.country, seed_report.year, seed_report.chapter) == ("Mali", 2016, "country")
    assert seed_report.title == "Country Reports on Terrorism 2016: Mali"
    assert [(s.key, s.heading) for s in seed_report.sections] == [
        ("overview", "Overview"),
        ("incidents", "2016 Terrorist Incidents"),
        ("legislation", "Legislation, Law Enforcement, and Border Security"),
        ("financing", "Countering the Financing of Terrorism"),
        ("violent_extremism", "Countering Violent Extremism"),
        ("cooperation", "International and Regional Cooperation"),
    ]
    raw = SEED.read_text(encoding="utf-8").replace("\u00a0", " ")
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    chapter_lines = lines[lines.index(next(x for x in lines if x.startswith("Overview:"))) :]
    chapter_lines = chapter_lines[:-3]  # disclaimer, "Email Updates", sign-up line
    for line in chapter_lines:
        assert line.lstrip("• ") in seed_report.body
    assert [w.code for w in seed_report.warnings] == ["acronym_corrected"]


def test_seed_sentences_point_into_the_body(seed_report: CountryReport) -> None:
    sentences = [s for section in seed_report.sections for s in section.sentences]
    assert len(sentences) == 79
    for sentence in sentences:
        assert seed_report.body[sentence.start : sentence.end] == sentence.text
    incidents = seed_report.section("incidents")
    assert incidents is not None
    bullets = [s for s in incidents.sentences if s.bullet is not None]
    assert [s.bullet for s in bullets] == [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 4]
    assert bullets[0].text == "Several high-profile kidnappings of westerners occurred in Mali."
    overview = seed_report.section("overview")
    assert overview is not None
    assert overview.sentences[0].text == (
        "The Government of Mali remained a willing, if challenged, U.S. counterterrorism partner."
    )


def test_the_same_chapter_parses_the_same_from_any_path(parse: ParseFn) -> None:
    a = parse(SEED, "a/mali/2016.txt")
    b = parse(SEED.read_bytes(), "https://translations.state.gov/2017/07/26/x/")
    assert a.body == b.body
    assert a.source.sha256 == b.source.sha256


def test_overrides_fill_what_the_page_does_not_say(parse: ParseFn) -> None:
    report = parse(CHAPTER.encode(), "chapter.txt", country="Ivory Coast", year=2016)
    assert (report.country, report.year) == ("Cote d'Ivoire", 2016)
    assert report.title == "Country Reports on Terrorism 2016: Cote d'Ivoire"


def test_override_disagreeing_with_the_title_is_warned(parse: ParseFn) -> None:
    report = parse(SEED, year=2015)
    assert report.year == 2015
    assert report.warnings[0].code == "year_mismatch"
    assert "says 2016, but 2015 was asked for" in report.warnings[0].message


@pytest.mark.parametrize(
    ("data", "kwargs", "error", "message"),
    [
        (CHAPTER.encode(), {"year": 2016}, MetadataError, "cannot tell which country"),
        (
            CHAPTER.replace("2016 ", "").encode(),
            {"country": "Mali"},
            MetadataError,
            "cannot tell the report year",
        ),
        (
            CHAPTER.encode(),
            {"country": "Wakanda", "year": 2016},
            MetadataError,
            "unknown country 'Wakanda'",
        ),
        (
            b"<html><body><nav>Home</nav><p>Welcome.</p></body></html>",
            {},
            NoChapterError,
            "no chapter text found",
        ),
        (
            "Aperçu : Le gouvernement du Mali est resté un partenaire de la lutte contre le "
            "terrorisme dans la région. Les groupes terroristes ont poursuivi leurs attaques "
            "dans le nord et le centre du pays pendant toute l’année, et les forces de sécurité "
            "de la MINUSMA ont été la cible de nombreuses attaques.".encode(),
            {"country": "Mali", "year": 2016},
            NoChapterError,
            "in French",
        ),
        (
            (
                b"The weather in Bamako was hot and dry for most of the year, and the markets were "
                b"busy with traders who came from the countryside to sell their goods to the people "
                b"of the city. Rain came late in the season, and farmers in the south waited for it "
                b"with growing concern."
            ),
            {"country": "Mali", "year": 2016},
            NoChapterError,
            "no recognisable Country Reports on Terrorism chapter",
        ),
    ],
)
def test_rejections_name_the_input_and_the_problem(
    data: bytes, kwargs: dict[str, object], error: type[Exception], message: str, parse: ParseFn
) -> None:
    with pytest.raises(error, match=message) as info:
        parse(data, "input/page.html", **kwargs)
    assert str(info.value).startswith("input/page.html: ")


def test_another_report_series_is_rejected(parse: ParseFn) -> None:
    page = (
        "<html><head><title>Mali - United States Department of State</title></head><body>"
        "<h1>2019 Country Reports on Human Rights Practices: Mali</h1><main><p>"
        + "Mali has a constitutional democratic system. " * 20
        + "</p></main></body></html>"
    )
    with pytest.raises(NoChapterError, match="another report series"):
        parse(page.encode(), "https://www.state.gov/reports/2019-hrr/mali/")


def test_mojibake_chapter_is_repaired_with_a_warning(parse: ParseFn) -> None:
    broken = SEED.read_text(encoding="utf-8").encode("utf-8").decode("cp1252", errors="ignore")
    report = parse(broken.encode("utf-8"), "mali-2016.txt")
    assert "al-Qa’ida in the Islamic Maghreb" in report.body
    assert any("mojibake" in w.message for w in report.warnings)


def test_cp1252_chapter_is_decoded(parse: ParseFn) -> None:
    report = parse(SEED.read_text(encoding="utf-8").encode("cp1252", errors="replace"), "m.txt")
    assert "Mali’s ungoverned northern region" in report.body
    assert any("cp1252" in w.message for w in report.warnings)
