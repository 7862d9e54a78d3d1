"""Batches of whole countries, each given only its own entries, pages and records."""

import shutil
from pathlib import Path

import pytest

from crtdiff.catalog.load import Catalog
from crtdiff.catalog.model import CatalogEntry
from crtdiff.errors import WorkspaceError
from crtdiff.pipeline.answers import FetchedUrls
from crtdiff.pipeline.batches import batch_calls, batch_jobs, batch_label, process_batch
from crtdiff.pipeline.context import Resolved, RunContext
from crtdiff.pipeline.keys import Keys
from crtdiff.pipeline.manifest import Manifest
from crtdiff.pipeline.outcome import EntryOutcome, Status
from crtdiff.pipeline.settle import CountryJob
from crtdiff.reference.bundle import Reference
from crtdiff.store.results import ResultStore
from tests.conftest import SEED


def job(country: str, entries: int) -> CountryJob:
    cached = [EntryOutcome(f"{country}:{2000 + i}", Status.OK) for i in range(entries)]
    return CountryJob(country, [], cached)


def test_batches_hold_whole_countries_up_to_the_size() -> None:
    jobs = [job("Chad", 100), job("Mali", 60), job("Niger", 30), job("Peru", 200), job("Togo", 9)]
    batches = batch_jobs(jobs, 150)
    assert [[j.country for j in b] for b in batches] == [
        ["Chad"], ["Mali", "Niger"], ["Peru"], ["Togo"],
    ]  # fmt: skip
    assert [batch_label(b) for b in batches] == ["Chad", "Mali … Niger", "Peru", "Togo"]
    assert batch_jobs([], 150) == []


def test_batches_shrink_towards_the_end_when_several_run_at_once() -> None:
    """Two workers: full batches first, then ever smaller ones, a country each at the end, so
    that no worker is left alone with a full batch; one at a time, batches stay full."""
    jobs = [job(f"Country {n:02d}", 50) for n in range(40)]
    alone, together = batch_jobs(jobs, 150), batch_jobs(jobs, 150, parallel=2)
    assert [len(b) for b in alone] == [3] * 13 + [1]
    assert [j for b in together for j in b] == jobs
    sizes = [sum(len(j.cached) for j in b) for b in together]
    assert max(sizes) == 150 and sizes == sorted(sizes, reverse=True)
    assert sizes[-6:] == [50] * 6


def test_batches_of_small_countries_shrink_no_further_than_a_tenth() -> None:
    """A new report year (a chapter per country): the last batches hold 15 chapters, not one
    (a task run would cost more than its chapter)."""
    jobs = [job(f"Country {n:03d}", 1) for n in range(200)]
    sizes = [len(b) for b in batch_jobs(jobs, 150, parallel=2)]
    assert sizes == [50, 37, 28, 21, 16, 15, 15, 15, 3]


def test_the_default_size_is_read_when_batching(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("crtdiff.pipeline.batches.BATCH", 1)
    assert len(batch_jobs([job("Chad", 1), job("Mali", 1)])) == 2


def context(tmp_path: Path, reference: Reference, entries: list[CatalogEntry]) -> RunContext:
    return RunContext(
        Catalog(tmp_path / "sources.toml", entries), reference, FetchedUrls({}),
        ResultStore(tmp_path / "store"), tmp_path / "out", Keys.for_reference(reference.folder),
    )  # fmt: skip


def test_each_call_carries_only_its_batchs_entries_and_records(
    tmp_path: Path, reference: Reference
) -> None:
    entries = [
        CatalogEntry(country=c, year=y, source=f"raw/{c}/{y}.txt")
        for c in ("Chad", "Mali", "Niger")
        for y in (2018, 2019)
    ]
    ctx = context(tmp_path, reference, entries)
    manifest = Manifest(countries={"Chad": "c", "Mali": "m", "Niger": "n"})
    jobs = [CountryJob(c, [Resolved(e) for e in entries if e.country == c], []) for c in
            ("Chad", "Mali", "Niger")]  # fmt: skip
    calls = batch_calls(jobs, entries, ctx, manifest, batch=4)
    assert [call[0] for call in calls] == ["Chad … Mali", "Niger"]
    _, batch, part, records = calls[1]
    assert [j.country for j in batch] == ["Niger"]
    assert {e.country for e in part.catalog.entries} == {"Niger"}
    assert records.countries == {"Niger": "n"}


def test_a_failing_disk_comes_back_as_a_value(tmp_path: Path, reference: Reference) -> None:
    """The batch's environment failure is returned (a task must not crash with a traceback
    for a full disk); the run raises it where it dispatched the batch."""
    (tmp_path / "sources.toml").write_text("", encoding="utf-8")
    shutil.copy(SEED, tmp_path / "mali.txt")
    entry = CatalogEntry(country="Mali", year=2016, source="mali.txt")
    ctx = context(tmp_path, reference, [entry])
    (tmp_path / "out").write_text("a file where the output folder should be")
    manifest = Manifest()
    ok = EntryOutcome("Mali:2016", Status.OK, output="mali/2016.json", report_key="k",
                      country="Mali", chapter="country", year=2016)  # fmt: skip
    result = process_batch("Mali", [CountryJob("Mali", [], [ok])], ctx, manifest)
    assert isinstance(result, WorkspaceError), result
