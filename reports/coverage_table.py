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


def entry_order(entry: CoverageEntry) -> tuple[str, int, bool, str]:
    """Sort key of the table's rows and the grid's cells: by country and year, the country's
    own chapter first."""
    return (entry.country, entry.year, entry.chapter != "country", entry.chapter)


def coverage_grid(entries: list[CoverageEntry]) -> CoverageGrid:
    """The grid the coverage page shows (years from the first to the last catalogued one, so a
    year no country has is a visible gap, not a missing column)."""
    if not entries:
        return CoverageGrid([], [], {s: 0 for s in STATUSES})
    first, last = min(e.year for e in entries), max(e.year for e in entries)
    years = list(range(first, last + 1))
    by_country: dict[str, list[CoverageEntry]] = {}
    for entry in sorted(entries, key=entry_order):
        by_country.setdefault(entry.country, []).append(entry)
    rows = [grid_row(country, chapters, years) for country, chapters in sorted(by_country.items())]
    counted = Counter(e.status for e in entries)
    return CoverageGrid(years, rows, {s: counted.get(s, 0) for s in STATUSES})


def grid_row(country: str, entries: list[CoverageEntry], years: list[int]) -> GridRow:
    """A country's line of the grid, from its entries in entry_order."""
    cells: dict[int, list[CoverageEntry]] = {}
    for entry in entries:
        cells.setdefault(entry.year, []).append(entry)
    page = OutputPaths.country_page(country) if any(e.page for e in entries) else None
    return GridRow(country=country, page=page, cells=[cells.get(year, []) for year in years])


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


def grid_line(country: str, page: str | None, cells: list[list[CoverageEntry]]) -> str:
    """A country's line of the grid's body: its name (linking to its page when it has one),
    then a cell per year with the marks of that year's chapters."""
    name = escape_text(country)
    head = f'<a href="{escape_text(page)}#coverage">{name}</a>' if page else name
    marks = "".join(f'<td class="num">{"".join(_mark(e) for e in cell)}</td>' for cell in cells)
    return f'<tr data-search="{name}"><th scope="row">{head}</th>{marks}</tr>\n'


def coverage_table(entries: list[CoverageEntry]) -> pa.Table:
    """The coverage as an Arrow table, one row per catalogued chapter, by country and year."""
    return records_table([e.model_dump() for e in sorted(entries, key=entry_order)])


def records_table(records: list[dict[str, Any]]) -> pa.Table:
    """The Arrow table of coverage rows already in order, as CoverageEntry dumps them (by
    column: a row at a time cost a tenth of a second at 10,000 rows)."""
    columns = {name: [r[name] for r in records] for name in _SCHEMA.names}
    return pa.Table.from_pydict(columns, schema=_SCHEMA)


def write_coverage(out_dir: Path, entries: list[CoverageEntry], context: dict[str, Any]) -> None:
    """Write `data/coverage.csv`, `data/coverage.parquet` and `coverage.html` when they changed
    (`context`: what every page of the series is told, e.g. its title)."""
    grid = coverage_grid(entries)
    lines = [grid_line(row.country, row.page, row.cells) for row in grid.rows]
    write_coverage_parts(out_dir, coverage_table(entries), lines, grid.years, grid.counts, context)


def write_coverage_parts(
    out_dir: Path,
    table: pa.Table,
    lines: list[str],
    years: list[int],
    counts: dict[str, int],
    context: dict[str, Any],
) -> None:
    """write_coverage from its parts: the table, the grid's body (a line per country, see
    grid_line), the years of its columns and the count of each status."""
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
    page = render_page(
        "coverage_grid.html.j2", root="", countries=len(lines), years=years,
        rows=Markup("".join(lines)), counts=counts, marks=MARKS, statuses=STATUSES, **context,
    )  # fmt: skip
    write_if_changed(out_dir / OutputPaths.COVERAGE, page)
