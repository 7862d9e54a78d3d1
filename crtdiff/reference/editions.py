"""When each report year's edition was published (data/reference/crt_editions.csv).

Mirrors date a chapter by its publication, not by the year it covers: refworld's newer URLs
carry the publication year, refworld and ecoi.net print the publication date. The table turns
those into report years without guessing: a date falls in exactly one edition's time as the
newest, a publication year may fit two editions (2023: the 2021 and 2022 reports).
"""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from crtdiff.csv_table import read_rows
from crtdiff.errors import ConfigError
from crtdiff.paths import REFERENCE_DIR

EDITIONS_FILE = REFERENCE_DIR / "crt_editions.csv"
_COLUMNS = ["report_year", "published", "note"]


@dataclass(frozen=True)
class Editions:
    """Report year → publication date, in report-year order."""

    published: tuple[tuple[int, date], ...]

    def published_in(self, year: int) -> frozenset[int]:
        """Report years whose edition was published in `year` (empty when none was)."""
        return frozenset(report for report, day in self.published if day.year == year)

    def newest_on(self, day: date) -> int | None:
        """The report year of the newest edition on `day` (None before the first, or more than
        two years after the last one the table knows: a newer edition may exist)."""
        known = [(report, published) for report, published in self.published if published <= day]
        if not known:
            return None
        report, published = known[-1]
        if report == self.published[-1][0] and (day - published).days > 730:
            return None
        return report


def _row(path: Path, number: int, row: dict[str, str]) -> tuple[int, date]:
    where = f"{path.name} line {number}"
    try:
        report, published = int(row["report_year"]), date.fromisoformat(row["published"])
    except ValueError as exc:
        raise ConfigError(where, "report_year must be a year and published an ISO date") from exc
    if published.year <= report:
        raise ConfigError(where, f"the {report} edition cannot be published in {published.year}")
    return report, published


@lru_cache(maxsize=4)
def load_editions(path: Path = EDITIONS_FILE) -> Editions:
    """Read and validate the editions table (one row per report year, dates increasing)."""
    rows = tuple(_row(path, number, row) for number, row in read_rows(path, _COLUMNS, "editions"))
    for (year_a, day_a), (year_b, day_b) in pairwise(rows):
        if year_b != year_a + 1 or day_b <= day_a:
            raise ConfigError(
                str(path), f"rows must follow report years with later dates ({year_a}, {year_b})"
            )
    return Editions(rows)
