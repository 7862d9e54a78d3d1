"""Render the site for the reports and diffs of a run (pure: no Prefect)."""

from collections import defaultdict
from pathlib import Path

from reports.site import write_assets, write_country, write_index
from reports.summaries import CountrySummary
from reports.tables import arrow_tables, table_rows, write_tables
from schemas import CountryReport
from schemas.diff import YearDiff


def render_countries(
    out_dir: Path, reports: list[CountryReport], diffs: list[YearDiff]
) -> list[CountrySummary]:
    """Every page of every country in `reports`."""
    by_country: dict[str, list[CountryReport]] = defaultdict(list)
    for report in reports:
        by_country[report.country].append(report)
    pairs: dict[str, list[YearDiff]] = defaultdict(list)
    for diff in diffs:
        pairs[diff.country].append(diff)
    return [
        write_country(out_dir, chapters, pairs[country])
        for country, chapters in sorted(by_country.items())
        if any(r.chapter == "country" for r in chapters)
    ]


def render_index(
    out_dir: Path,
    summaries: list[CountrySummary],
    reports: list[CountryReport],
    diffs: list[YearDiff],
) -> None:
    """The site index, the shared assets and the data tables."""
    write_assets(out_dir)
    write_index(out_dir, summaries)
    write_tables(arrow_tables(table_rows(reports, diffs)), out_dir / "data")
