"""What is stored beside each country's summary, and what its absence means: names kept apart
from settling and the renderers, for the child process writing the archive's tables, which
imports neither."""

TABLE_NAMES = ("incidents", "groups", "legal_measures", "section_metrics", "tolls", "changes")
"""The archive's data tables, reports.tables.TABLES (a test keeps them equal; that module
loads pyarrow)."""
SUMMARY_TABLES = tuple(f"{name}.{form}" for form in ("arrow", "csv.lz4") for name in TABLE_NAMES)
"""The tables stored beside each country summary: as Arrow, then their rows as CSV
(tables.csv_chunk)."""
DAMAGED = "its stored summary was damaged during the run; run again"
"""A country's summary or tables, checked before the country was settled: only a concurrent
damage makes them missing when the pages across countries are written."""
EXPLORER_PART = "explorer.jsonl"
"""The country's part of the incidents explorer's data, stored beside its summary
(reports.incidents_page.Part)."""
