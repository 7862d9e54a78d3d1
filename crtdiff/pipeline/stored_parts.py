"""What is stored beside each country's summary, and what its absence means: names kept apart
from settling and the renderers, for the child process writing the archive's tables, which
imports neither."""

from collections.abc import Callable, Iterable

from crtdiff.errors import CrtdiffError

TABLE_NAMES = ("incidents", "groups", "legal_measures", "section_metrics", "tolls", "changes")
"""The archive's data tables, reports.tables.TABLES (a test keeps them equal; that module
loads pyarrow)."""
SUMMARY_TABLES = tuple(f"{name}.{form}" for form in ("arrow", "csv.lz4") for name in TABLE_NAMES)
"""The tables stored beside each country summary: as Arrow, then their rows as CSV
(tables.csv_chunk)."""
DAMAGED = "its stored summary was damaged during the run; run again"
"""A country of the run whose summary or tables, just checked or written, are missing when the
pages across countries are made: only a concurrent damage does that."""
EXPLORER_PART = "explorer.jsonl"
"""The country's part of the incidents explorer's data, stored beside its summary
(reports.incidents_page.Part)."""


class DamagedSummaryError(CrtdiffError):
    """Countries whose stored summary or tables proved missing or damaged when the pages across
    countries were being made: a country outside the run is rebuilt, then the pages are made
    again."""

    def __init__(self, countries: Iterable[str]) -> None:
        self.countries = sorted(set(countries))
        super().__init__(", ".join(self.countries), DAMAGED)

    def __reduce__(self) -> tuple[Callable[..., "DamagedSummaryError"], tuple[object, ...]]:
        return (type(self), (self.countries,))
