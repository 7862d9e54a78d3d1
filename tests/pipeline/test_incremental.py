"""What a batch's task is given: its own entries and fetched pages, not the whole run's."""

from datetime import UTC, datetime
from pathlib import Path

from crtdiff.catalog.load import Catalog
from crtdiff.catalog.model import CatalogEntry
from crtdiff.catalog.sources import ResolvedSource
from crtdiff.pipeline.answers import FetchedUrls
from crtdiff.pipeline.context import RunContext
from crtdiff.pipeline.keys import Keys
from crtdiff.reference.bundle import Reference
from crtdiff.series.chapter import RawSource
from crtdiff.store.results import ResultStore


def test_for_entries_keeps_only_the_batchs_lines_and_pages(
    tmp_path: Path, reference: Reference
) -> None:
    def entry(country: str, source: str) -> CatalogEntry:
        return CatalogEntry(country=country, year=2018, source=source)

    mali = entry("Mali", "https://www.state.gov/mali/")
    niger = entry("Niger", "https://www.state.gov/niger/")
    chad = entry("Chad", "raw/chad/2018.txt")
    page = ResolvedSource(RawSource(b"<html>", mali.source, datetime(2026, 1, 1, tzinfo=UTC)))
    ctx = RunContext(
        Catalog(tmp_path / "sources.toml", [mali, niger, chad]),
        reference,
        FetchedUrls({mali.source: page, niger.source: page}),
        ResultStore(tmp_path / "store"),
        tmp_path / "out",
        Keys.for_reference(reference.folder),
    )
    part = ctx.for_entries([mali, chad])
    assert part.catalog.entries == [mali, chad]
    assert part.catalog.folder == ctx.catalog.folder
    assert list(part.urls.results) == [mali.source]
    assert part.urls(mali.source) is page
    assert ctx.catalog.entries == [mali, niger, chad]  # the run's own context is untouched
