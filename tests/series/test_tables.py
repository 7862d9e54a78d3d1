"""The series tables are valid and used: every series has its plugin, every URL pattern matches
its example and tells its series, every furniture line and outline heading is exercised by the
HRR fixtures."""

import csv
from pathlib import Path

import pytest

from crtdiff.errors import ConfigError
from crtdiff.ingest.blocks import Block, BlockKind
from crtdiff.reference.outline import Level, OutlineRow, load_outline
from crtdiff.reference.series import SERIES_DIR, load_definitions
from crtdiff.schemas import CountryReport
from crtdiff.series.detect import detect_series
from crtdiff.series.plan import heading_text
from crtdiff.series.registry import load_series
from tests.conftest import HRR, HRR_FILES

DEFINITIONS = load_definitions()
OUTLINE = load_outline("hrr")
URL_ROWS = [(name, row) for name, d in DEFINITIONS.items() for row in d.urls]
with (SERIES_DIR / "urls.csv").open(encoding="utf-8") as handle:
    EXAMPLES = {row["path"]: row["example"] for row in csv.DictReader(handle)}


def test_every_series_has_its_plugin() -> None:
    series = load_series()
    assert list(series) == ["crt", "hrr"]
    assert series["hrr"].definition.outputs == "hrr" and series["crt"].definition.outputs == ""
    assert series["hrr"].definition.extractors >= {
        "laws",
        "counts",
        "legal_measures",
        "organisations",
    }
    assert not series["hrr"].definition.extractors & {"groups", "incidents"}


@pytest.mark.parametrize(("name", "row"), URL_ROWS, ids=[r.path for _, r in URL_ROWS])
def test_each_url_pattern_tells_its_series(name: str, row: object) -> None:
    from crtdiff.reference.series import UrlPattern

    assert isinstance(row, UrlPattern)
    example = EXAMPLES[row.path]
    found = detect_series([], example, DEFINITIONS)
    assert found is not None and found.name == name
    if row.guessable:
        match = row.pattern.search(example.removeprefix("https://www.state.gov"))
        assert match is not None
        assert row.url("https://www.state.gov", int(match.group(1)), match.group(2)).rstrip(
            "/"
        ) == example.rstrip("/")


def _fixture_lines() -> list[str]:
    from selectolax.lexbor import LexborHTMLParser

    lines: list[str] = []
    for name in HRR_FILES.values():
        text = (HRR / name).read_text(encoding="utf-8")
        if name.endswith(".html"):
            text = LexborHTMLParser(text).body.text(separator="\n")  # type: ignore[union-attr]
        lines += [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    return lines


LINES = _fixture_lines()


@pytest.mark.parametrize(
    "line", [f for f in load_series()["hrr"].definition.furniture], ids=lambda f: f.pattern.pattern
)
def test_each_furniture_line_is_used_and_stripped(
    line: object, hrr_reports: dict[int, CountryReport]
) -> None:
    from crtdiff.reference.series import FurnitureLine

    assert isinstance(line, FurnitureLine)
    used = [text for text in LINES if line.pattern.match(text)]
    assert used, f"furniture line {line.pattern.pattern!r} matches no line of the HRR fixtures"
    body_lines = {x.strip() for r in hrr_reports.values() for x in r.body.splitlines()}
    assert not [text for text in used if text in body_lines]


def _headings_read() -> set[tuple[str, str, bool]]:
    """Every outline row a heading of the fixtures reads as."""
    read = set()
    for name in HRR_FILES.values():
        for text in _lines_of(name):
            heading = heading_text(Block(BlockKind.PARAGRAPH, text), OUTLINE)
            if heading is None:
                continue
            row = OUTLINE.read(heading).row
            if row is not None:
                read.add((row.key, row.heading, row.lettered))
    return read


def _lines_of(name: str) -> list[str]:
    from selectolax.lexbor import LexborHTMLParser

    text = (HRR / name).read_text(encoding="utf-8")
    if name.endswith(".html"):
        tree = LexborHTMLParser(text)
        return [" ".join((n.text() or "").split()) for n in tree.css("h2, h3, h4, h5")]
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


READ = _headings_read()


@pytest.mark.parametrize("row", OUTLINE.rows, ids=lambda r: f"{r.key or 'inner'}-{r.heading[:40]}")
def test_each_outline_heading_is_used(row: OutlineRow) -> None:
    assert (row.key, row.heading, row.lettered) in READ, f"{row.heading!r} is in no HRR fixture"


def test_outline_reading_keeps_letters_apart() -> None:
    lettered = OUTLINE.read("b. Disappearance")
    assert lettered.row is not None and lettered.row.level is Level.SUBSECTION
    assert lettered.row.key == "disappearance"
    inner = OUTLINE.read("Disappearance")
    assert inner.row is not None and inner.row.level is Level.INNER
    numbered = OUTLINE.read("Section 7. Worker Rights")
    assert numbered.section == 7 and numbered.row is not None
    assert numbered.row.level is Level.SECTION
    assert OUTLINE.read("b. Worker Rights").row.level is Level.SUBSECTION  # type: ignore[union-attr]
    assert (
        OUTLINE.read("Respect for the Integrity of the Person, Including Freedom from:").row
        is not None
    )


def _folder_with(tmp_path: Path, name: str, text: str) -> Path:
    for source in SERIES_DIR.glob("*.csv"):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


SERIES_HEAD = "series,name,short_name,title,title_phrases,extractors,outputs,note\n"
CRT_ROW = "crt,Country Reports on Terrorism,CRT,Country Reports on Terrorism {year}: {country},Country Reports on Terrorism,groups|incidents|legal_measures|organisations,,\n"


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("series.csv", "series,name\ncrt,x\n", "columns must be"),
        (
            "series.csv",
            SERIES_HEAD + CRT_ROW + "hrr,HRR,HRR,{year} HRR: {country},HRR,laws|torture,hrr,\n",
            "unknown extractor",
        ),
        (
            "series.csv",
            SERIES_HEAD + CRT_ROW + "hrr,HRR,HRR,{year} HRR: {country},HRR,groups,hrr,\n",
            "one pass",
        ),
        (
            "series.csv",
            SERIES_HEAD + CRT_ROW + "hrr,HRR,HRR,HRR {country},HRR,laws,hrr,\n",
            "{year} and {country}",
        ),
        ("series.csv", SERIES_HEAD + "hrr,HRR,HRR,{year} HRR: {country},HRR,laws,hrr,\n", "'crt'"),
        (
            "series.csv",
            SERIES_HEAD + CRT_ROW + "hrr,HRR,HRR,{year} HRR: {country},HRR,laws,,\n",
            "share an outputs folder",
        ),
        (
            "urls.csv",
            "series,first_year,last_year,path,example,note\ncrt,2018,2100,/reports/crt-{year}/{slug}/,https://www.state.gov/reports/other/mali/,\n",
            "does not match",
        ),
        (
            "urls.csv",
            "series,first_year,last_year,path,example,note\ncrt,2018,2100,/reports/{slug}/,https://x/reports/mali/,\n",
            "must start with / and hold {year}",
        ),
        (
            "furniture.csv",
            "series,position,line,note\nhrr,middle,Download Report,\n",
            "position must be",
        ),
        (
            "furniture.csv",
            "series,position,line,note\nhrr,leading,Select (Sections,\n",
            "not a valid pattern",
        ),
        (
            "furniture.csv",
            "series,position,line,note\nhrr,anywhere,Section \\d{1,2},\n",
            "wrong number of fields",
        ),
        (
            "furniture.csv",
            "series,position,line,note\ntip,leading,Trafficking,\n",
            "not in series.csv",
        ),
    ],
)
def test_bad_series_tables_are_config_errors(
    name: str, text: str, problem: str, tmp_path: Path
) -> None:
    folder = _folder_with(tmp_path, name, text)
    with pytest.raises(ConfigError, match=problem) as info:
        load_definitions(folder)
    assert "\n" not in str(info.value)


OUTLINE_HEAD = "key,level,section,letter,heading,first_year,last_year,note\n"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (OUTLINE_HEAD + "killings,chapter,1,a,Killings,2012,2023,\n", "level must be"),
        (OUTLINE_HEAD + ",subsection,1,a,Killings,2012,2023,\n", "every other row needs one"),
        (
            OUTLINE_HEAD + "prison,inner,1,c,Prison Conditions,2012,2023,\n",
            "inner headings have no key",
        ),
        (OUTLINE_HEAD + "Killings,subsection,1,a,Killings,2012,2023,\n", "lower-case words"),
        (
            OUTLINE_HEAD + "killings,subsection,1,a,a. Killings,2012,2023,\n",
            "without its Section N.",
        ),
        (OUTLINE_HEAD + "killings,subsection,1,a,Killings,2023,2012,\n", "not valid"),
        (OUTLINE_HEAD + "killings,subsection,1,z,Killings,2012,2023,\n", "letter must be"),
        (
            OUTLINE_HEAD
            + "killings,subsection,1,a,Killings,2012,2023,\nkill,subsection,1,a,KILLINGS,2012,2023,\n",
            "listed twice",
        ),
    ],
)
def test_bad_outlines_are_config_errors(text: str, problem: str, tmp_path: Path) -> None:
    (tmp_path / "test_outline.csv").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=problem):
        load_outline("test", tmp_path)
