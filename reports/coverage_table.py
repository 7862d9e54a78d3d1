"""The archive's coverage: every catalogued chapter of every country, read or why not, as a
table (`data/coverage.csv`, `.parquet`) and a page (`coverage.html`)."""

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
from markupsafe import Markup
from pydantic import BaseModel, ConfigDict

from crtdiff.reports.fragments import escape_text
from crtdiff.reports.html import render_page
from crtdiff.reports.output_paths import OutputPaths
from crtdiff.reports.tables import table_bytes
from crtdiff.reports.writing import write_if_changed
from crtdiff.store.atomic import atomic_write_bytes

CoverageStatus = Literal["real", "illustrative", "unavailable", "rejected"]
STATUSES: tuple[CoverageStatus, ...] = ("real", "illustrative", "unavailable", "rejected")
MARKS: dict[str, tuple[str, str]] = {
    "real": ("●", "real text read"),
    "illustrative": ("◇", "illustrative text shown"),
    "unavailable": ("○", "unavailable"),
    "rejected": ("✕", "rejected"),
}
"""Status → its mark in the grid, and its words (the legend's, and each mark's title)."""

_SCHEMA = pa.schema(
    [
        ("country", pa.string()),
        ("chapter", pa.string()),
        ("year", pa.int64()),
        ("status", pa.string()),
        ("reason", pa.string()),
        ("official_url", pa.string()),
        ("published", pa.string()),
        ("page", pa.string()),
    ]
)
"""Fixed, so that an archive where nothing was read still gets a table with its columns."""


class CoverageEntry(BaseModel):
    """One catalogued chapter: real text read, an illustrative text shown, or why not."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    country: str
    chapter: str
    year: int
    status: CoverageStatus
    reason: str | None = None
    official_url: str | None = None
    """Where the catalogue says the State Department published it."""
    published: str | None = None
    page: str | None = None
    """Its chapter page, relative to the output folder, when it was read."""


@dataclass(frozen=True)
class GridRow:
    """A country's line of the coverage grid: one cell per year of the archive."""

    country: str
    page: str | None
    """The country's page, when a chapter of it was read."""
    cells: list[list[CoverageEntry]]
    """Per year, the country's catalogued chapters of that year (the country's own first)."""


@dataclass(frozen=True)
class CoverageGrid:
    """Countries × years, with the counts of each status."""

    years: list[int]
    rows: list[GridRow]
    counts: dict[str, int]


def _order(entry: CoverageEntry) -> tuple[str, int, bool, str]:
    return (entry.country, entry.year, entry.chapter != "country", entry.chapter)


def coverage_grid(entries: list[CoverageEntry]) -> CoverageGrid:
    """The grid the coverage page shows (years from the first to the last catalogued one, so a
    year no country has is a visible gap, not a missing column)."""
    if not entries:
        return CoverageGrid([], [], {s: 0 for s in STATUSES})
    first, last = min(e.year for e in entries), max(e.year for e in entries)
    years = list(range(first, last + 1))
    by_country: dict[str, dict[int, list[CoverageEntry]]] = {}
    for entry in sorted(entries, key=_order):
        by_country.setdefault(entry.country, {}).setdefault(entry.year, []).append(entry)
    rows = [
        GridRow(
            country=country,
            page=(
                OutputPaths.country_page(country)
                if any(e.page for cell in cells.values() for e in cell)
                else None
            ),
            cells=[cells.get(year, []) for year in years],
        )
        for country, cells in sorted(by_country.items())
    ]
    counted = Counter(e.status for e in entries)
    return CoverageGrid(years, rows, {s: counted.get(s, 0) for s in STATUSES})


def _mark(e: CoverageEntry) -> str:
    mark, words = MARKS[e.status]
    text = escape_text(
        words
        + (f" ({e.chapter})" if e.chapter != "country" else "")
        + (f": {e.reason}" if e.reason else "")
    )
    inner = (
        f'<span aria-hidden="true">{mark}</span>'
        f'<span class="visually-hidden">{e.year} {text}</span>'
    )
    if e.page:
        return (
            f'<a class="cov cov-{e.status}" href="{escape_text(e.page)}" title="{text}">{inner}</a>'
        )
    return f'<span class="cov cov-{e.status}" title="{text}" tabindex="0">{inner}</span>'


def grid_rows_html(grid: CoverageGrid) -> Markup:
    """The grid's body, a line per country: its name (linking to its page when it has one),
    then a cell per year with the marks of that year's chapters. Built in Python: the grid has
    a cell per country and year of the archive, and a template loop per cell cost more than
    the rest of writing the coverage."""
    lines = []
    for row in grid.rows:
        name = escape_text(row.country)
        head = f'<a href="{escape_text(row.page)}#coverage">{name}</a>' if row.page else name
        cells = "".join(
            f'<td class="num">{"".join(_mark(e) for e in cell)}</td>' for cell in row.cells
        )
        lines.append(f'<tr data-search="{name}"><th scope="row">{head}</th>{cells}</tr>\n')
    return Markup("".join(lines))


def coverage_table(entries: list[CoverageEntry]) -> pa.Table:
    """The coverage as an Arrow table, one row per catalogued chapter, by country and year."""
    rows = [e.model_dump() for e in sorted(entries, key=_order)]
    return pa.Table.from_pylist(rows, schema=_SCHEMA)


def write_coverage(out_dir: Path, entries: list[CoverageEntry], context: dict[str, Any]) -> None:
    """Write `data/coverage.csv`, `data/coverage.parquet` and `coverage.html` when they changed
    (`context`: what every page of the series is told, e.g. its title)."""
    table = coverage_table(entries)
    csv = table_bytes(table, "csv")
    csv_path = out_dir / OutputPaths.data_table("coverage", "csv")
    parquet_path = out_dir / OutputPaths.data_table("coverage", "parquet")
    try:
        same = csv_path.read_bytes() == csv and parquet_path.is_file()
    except OSError:
        same = False
    if not same:
        atomic_write_bytes(parquet_path, table_bytes(table, "parquet"))
        atomic_write_bytes(csv_path, csv)
    grid = coverage_grid(entries)
    page = render_page(
        "coverage_grid.html.j2", root="", grid=grid, rows=grid_rows_html(grid), marks=MARKS,
        statuses=STATUSES, **context,
    )  # fmt: skip
    write_if_changed(out_dir / OutputPaths.COVERAGE, page)
