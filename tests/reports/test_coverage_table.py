"""The coverage table and grid: every catalogued chapter, by country and year."""

import os
from pathlib import Path

import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from pydantic import ValidationError

from crtdiff.reports.coverage_table import (
    CoverageEntry,
    coverage_grid,
    coverage_table,
    write_coverage,
)


def entry(country: str, year: int, status: str, **extra: str) -> CoverageEntry:
    return CoverageEntry.model_validate({"country": country, "year": year, "status": status,
                                         "chapter": extra.pop("chapter", "country"), **extra})  # fmt: skip


ENTRIES = [
    entry("Niger", 2019, "real", page="niger/2019.html"),
    entry("Mali", 2016, "real", page="mali/2016.html"),
    entry("Mali", 2016, "illustrative", chapter="safe-haven", page="mali/2016-safe-haven.html"),
    entry("Mali", 2018, "unavailable", reason="HTTP 404"),
    entry("Chad", 2015, "rejected", reason='=HYPERLINK("x")'),
]


def test_grid_spans_every_year_and_puts_the_country_chapter_first() -> None:
    grid = coverage_grid(ENTRIES)
    assert grid.years == [2015, 2016, 2017, 2018, 2019]  # 2017: nobody has it, still a column
    assert [r.country for r in grid.rows] == ["Chad", "Mali", "Niger"]
    chad, mali, _ = grid.rows
    assert chad.page is None and mali.page == "mali/index.html"
    assert [e.chapter for e in mali.cells[1]] == ["country", "safe-haven"]
    assert mali.cells[2] == [] and [e.status for e in mali.cells[3]] == ["unavailable"]
    assert grid.counts == {"real": 2, "illustrative": 1, "unavailable": 1, "rejected": 1}


def test_an_empty_archive_still_has_the_columns() -> None:
    assert coverage_grid([]).rows == []
    assert coverage_table([]).column_names == [
        "country", "chapter", "year", "status", "reason", "official_url", "published", "page",
    ]  # fmt: skip


def test_status_is_one_of_four() -> None:
    with pytest.raises(ValidationError):
        entry("Mali", 2016, "ok")


def test_written_once_and_left_alone_when_unchanged(tmp_path: Path) -> None:
    write_coverage(tmp_path, ENTRIES, {})
    files = [tmp_path / "data" / "coverage.csv", tmp_path / "data" / "coverage.parquet",
             tmp_path / "coverage.html"]  # fmt: skip
    table = pacsv.read_csv(files[0])
    assert table.column("country").to_pylist() == ["Chad", "Mali", "Mali", "Mali", "Niger"]
    # A spreadsheet would run it: the CSV quotes it, the Parquet keeps the text as it is.
    assert table.column("reason").to_pylist()[0].startswith("'=HYPERLINK")
    assert pq.read_table(files[1]).column("reason").to_pylist()[0].startswith("=HYPERLINK")
    for path in files:
        os.utime(path, (1, 1))
    write_coverage(tmp_path, list(reversed(ENTRIES)), {})
    assert [p.stat().st_mtime for p in files] == [1, 1, 1]
    write_coverage(tmp_path, ENTRIES[:2], {})
    assert all(p.stat().st_mtime > 1 for p in files)
    page = files[2].read_text(encoding="utf-8")
    assert "Chad" not in page and 'href="niger/2019.html"' in page


GOLDEN_GRID = Path(__file__).parents[1] / "fixtures" / "golden" / "coverage.html"
HOSTILE = [
    *ENTRIES,
    entry("Côte d'Ivoire", 2017, "rejected", reason='<script>alert("x")</script> & <b>'),
    entry("Côte d'Ivoire", 2017, "unavailable", chapter="safe-haven", reason='it\'s "gone"'),
    entry("Mali", 2019, "real", page="mali/2019.html?a=1&b=<2>"),
]


def test_the_page_matches_its_reviewed_rendering(tmp_path: Path, update_golden: bool) -> None:
    """The grid's cells are written in Python (a template loop per cell cost a fifth of a
    second at 10,000 chapters): the page stays what the template wrote, escaping included."""
    write_coverage(tmp_path, HOSTILE, {})
    page = (tmp_path / "coverage.html").read_text(encoding="utf-8")
    if update_golden:
        GOLDEN_GRID.write_text(page, encoding="utf-8")
    assert page == GOLDEN_GRID.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page
