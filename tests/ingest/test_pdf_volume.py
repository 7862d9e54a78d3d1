"""Whole-year PDF volumes printed by Chromium: each chapter cut out equals its text version."""

import random
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from benchmarks.synthetic import CountryState, chapter
from crtdiff.errors import InputError, MetadataError
from crtdiff.ingest import pdf_lines, pdf_volume
from crtdiff.reference.bundle import Reference
from crtdiff.schemas import CountryReport, SourceFormat
from crtdiff.series.chapter import RawSource, Request, parse_chapter
from tests.conftest import SEED, ParseFn
from tests.volumes import CHROMIUM, CHROMIUM_ARGS, VolumeChapter, print_volume, volume_html

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("browser")]

NEXT_CHAPTER = "Chapter 3. State Sponsors of Terrorism"
HAVENS = {
    "Mali": (
        "Terrorist groups used the vast and sparsely populated northern regions of Mali as a "
        "safe haven throughout the year. AQIM and al-Murabitoun moved fighters and supplies "
        "across the porous borders with Niger and Algeria, and the government lacked the "
        "capacity to control much of its northern territory.\n"
        "Cooperation with the United States on counterterrorism remained strong, and the "
        "government worked with MINUSMA to extend state authority to the north."
    ),
    "Niger": (
        "Niger's remote border regions with Mali, Libya and Nigeria offered terrorist groups "
        "room to transit and recruit. Boko Haram fighters crossed from Nigeria into the Diffa "
        "region, and groups affiliated with ISIS moved through the Tillaberi region.\n"
        "The government continued to cooperate with the United States and its neighbours to "
        "deny terrorists safe haven in its territory."
    ),
}
"""Entries of the volume's "Terrorist Safe Havens" chapter, after the country reports."""


def _seed_body() -> str:
    """The seed chapter without its page title and translation furniture."""
    text = SEED.read_text(encoding="utf-8")
    start = text.index("Overview:")
    return text[start : text.index("This translation is provided")]


def _synthetic(reference: Reference, name: str, seed: int) -> str:
    country = reference.countries.resolve(name)
    assert country is not None
    text = chapter(CountryState(country, random.Random(seed)), 2016)
    return text.split("\n", 1)[1]  # without its "Country Reports on Terrorism 2016: X" title


@pytest.fixture(scope="module")
def texts(reference: Reference) -> dict[str, str]:
    return {
        "Chad": _synthetic(reference, "Chad", 7),
        "Mali": _seed_body(),
        "Niger": _synthetic(reference, "Niger", 11),
    }


@pytest.fixture(scope="module")
def volume(tmp_path_factory: pytest.TempPathFactory, texts: dict[str, str]) -> Iterator[Path]:
    from playwright.sync_api import sync_playwright

    chapters = [VolumeChapter(name, text) for name, text in texts.items()]
    havens = [VolumeChapter(name, text) for name, text in HAVENS.items()]
    page_html = volume_html(2016, "Africa", chapters, NEXT_CHAPTER, havens)
    path = tmp_path_factory.mktemp("volume") / "crt-2016.pdf"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        print_volume(browser, page_html, path, 2016)
        browser.close()
    yield path


def _sentences(report: CountryReport) -> list[tuple[str, str]]:
    return [(s.key, sentence.text) for s in report.sections for sentence in s.sentences]


def test_the_volume_spans_pages_with_running_headers(volume: Path) -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(volume.read_bytes())
    assert len(document) >= 8  # cover, contents, then three chapters over several pages
    document.close()


def test_a_chapter_cut_from_the_volume_equals_the_text_chapter(
    volume: Path, parse: ParseFn, seed_report: CountryReport
) -> None:
    from_pdf = parse(volume, country="Mali")
    assert (from_pdf.country, from_pdf.year) == ("Mali", 2016)  # the year from the header
    assert from_pdf.source.format is SourceFormat.PDF
    assert [s.key for s in from_pdf.sections] == [s.key for s in seed_report.sections]
    pdf_sentences, text_sentences = _sentences(from_pdf), _sentences(seed_report)
    assert len(pdf_sentences) == len(text_sentences)
    differing = [(a, b) for a, b in zip(text_sentences, pdf_sentences, strict=True) if a != b]
    # One line-end hyphen is undecidable: "full-" + "color" (neither spelling occurs again in
    # the text, "color" alone neither); the rejoined word loses its hyphen.
    assert [(a[1], b[1]) for a, b in differing] == [
        (
            "Security measures in the machine-readable passports include micro-printing, UV "
            "features, and a full-color digital photo.",
            "Security measures in the machine-readable passports include micro-printing, UV "
            "features, and a fullcolor digital photo.",
        )
    ] or not differing
    assert [i.id for i in from_pdf.incidents] == [i.id for i in seed_report.incidents]
    assert [i.killed_min for i in from_pdf.incidents] == [
        i.killed_min for i in seed_report.incidents
    ]
    assert [g.id for g in from_pdf.groups] == [g.id for g in seed_report.groups]
    assert [m.id for m in from_pdf.legal_measures] == [m.id for m in seed_report.legal_measures]


@pytest.mark.parametrize("country", ["Chad", "Niger"])
def test_every_chapter_of_the_volume_equals_its_text(
    volume: Path, parse: ParseFn, texts: dict[str, str], country: str
) -> None:
    from_text = parse(texts[country].encode(), f"{country}.txt", country=country, year=2016)
    from_pdf = parse(volume, country=country)
    assert _sentences(from_pdf) == _sentences(from_text)
    assert [i.id for i in from_pdf.incidents] == [i.id for i in from_text.incidents]


def test_no_page_furniture_survives(volume: Path, parse: ParseFn) -> None:
    for country in ("Chad", "Mali", "Niger"):
        body = parse(volume, country=country).body
        assert "Country Reports on Terrorism 2016" not in body
        assert "\u2010" not in body and "\u00ad" not in body and "...." not in body
        assert not any(line.strip().isdigit() for line in body.splitlines())


def test_the_last_chapter_of_a_region_ends_at_the_next_chapter(
    volume: Path, parse: ParseFn
) -> None:
    body = parse(volume, country="Niger").body
    assert "State sponsors of terrorism are countries" not in body
    assert NEXT_CHAPTER not in body


def test_a_volume_without_a_country_is_refused_naming_its_countries(
    volume: Path, parse: ParseFn
) -> None:
    with pytest.raises(MetadataError, match=r"holds chapters for 3 countries \(Chad, Mali, Niger"):
        parse(volume)


def test_a_volume_is_read_once_for_all_its_chapters(
    volume: Path, parse: ParseFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = pdf_lines.read_pdf_lines

    def counting(data: bytes, source: str) -> object:
        calls.append(source)
        return real(data, source)

    monkeypatch.setattr("crtdiff.ingest.pdf_volume.read_pdf_lines", counting)
    monkeypatch.setattr(pdf_volume, "_CACHE", type(pdf_volume._CACHE)())
    for country in ("Chad", "Mali", "Niger"):
        parse(volume, country=country)
    assert len(calls) == 1


def test_a_damaged_pdf_is_a_one_line_input_error(parse: ParseFn) -> None:
    with pytest.raises(InputError, match=r"^broken\.pdf: PDF cannot be read"):
        parse(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF", "broken.pdf", country="Mali")


def test_the_command_line_cuts_a_country_from_a_volume(volume: Path) -> None:
    import json
    import subprocess
    import sys

    command = [sys.executable, "-c", "from crtdiff.cli import main; main()", "ingest"]
    result = subprocess.run(
        [*command, str(volume), "--country", "Niger"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["country"], report["year"], report["source"]["format"]) == ("Niger", 2016, "pdf")
    refused = subprocess.run([*command, str(volume)], capture_output=True, text=True, check=False)
    assert refused.returncode == 1
    assert refused.stderr.strip().endswith("say which one with --country")
    assert len(refused.stderr.strip().splitlines()) == 1


def test_a_country_of_a_volume_is_catalogued_with_its_snapshot(
    volume: Path, tmp_path: Path, reference: Reference
) -> None:
    from crtdiff.catalog.add import add_file
    from crtdiff.catalog.load import load_catalog

    catalog = tmp_path / "sources.toml"
    catalog.write_text("", encoding="utf-8")
    for country in ("Chad", "Niger"):
        assert add_file(catalog, country, 2016, volume, reference).change == "added"
    entries = load_catalog(catalog, reference.countries).entries
    assert {e.country for e in entries} == {"Chad", "Niger"}
    assert len({e.source for e in entries}) == 1  # one snapshot of the volume
    assert entries[0].source.endswith(".pdf")
    with pytest.raises(MetadataError, match="not for Kenya"):
        add_file(catalog, "Kenya", 2016, volume, reference)


@pytest.mark.parametrize("country", ["Mali", "Niger"])
def test_a_safe_haven_entry_is_cut_from_its_own_chapter(
    volume: Path, reference: Reference, country: str
) -> None:
    raw = RawSource(volume.read_bytes(), str(volume), datetime(2026, 1, 1, tzinfo=UTC))
    haven = parse_chapter(raw, Request(country, 2016, chapter="safe-haven"), reference)
    assert (haven.country, haven.chapter) == (country, "safe-haven")
    first = HAVENS[country].split(".")[0]
    assert haven.body.startswith(first) and "safe haven" in haven.body
    # Nothing of the country reports before it, nor of the chapter around it.
    assert "Overview" not in haven.body and "ungoverned" not in haven.body
    chapter = parse_chapter(raw, Request(country, 2016), reference)
    assert chapter.chapter == "country" and first not in chapter.body


def test_a_country_without_a_safe_haven_entry_is_refused_by_name(
    volume: Path, reference: Reference
) -> None:
    raw = RawSource(volume.read_bytes(), str(volume), datetime(2026, 1, 1, tzinfo=UTC))
    with pytest.raises(MetadataError, match="safe-haven entries for Mali, Niger but not for Chad"):
        parse_chapter(raw, Request("Chad", 2016, chapter="safe-haven"), reference)
