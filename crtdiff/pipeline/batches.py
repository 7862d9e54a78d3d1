"""The country task's unit of dispatch: whole countries, about BATCH entries to a batch."""

from collections import defaultdict
from typing import Any

from crtdiff.catalog.model import CatalogEntry
from crtdiff.errors import WorkspaceError
from crtdiff.pipeline.boundary import capture_environment
from crtdiff.pipeline.context import RunContext
from crtdiff.pipeline.country_task import CountryResult, process_country
from crtdiff.pipeline.manifest import Manifest
from crtdiff.pipeline.settle import CountryJob

BATCH = 150
"""Entries per batch (whole countries): a Prefect task run costs ~60 ms of orchestration
(~350 ms in a worker process); an entry 30-40 ms of work."""


def _size(job: CountryJob) -> int:
    return len(job.todo) + len(job.cached)


def batch_jobs(
    jobs: list[CountryJob], batch: int | None = None, parallel: int = 1
) -> list[list[CountryJob]]:
    """The jobs in order, cut into batches of whole countries of at most `batch` entries
    (BATCH by default; a country larger than that is a batch of its own).

    With `parallel` batches running at once, a batch is also at most a `2 * parallel`th of
    the entries left from its first on (but no less than a tenth of `batch`, which would cost
    more in task runs than it saves), so that the last batches are small: the workers then
    finish together, where one used to work alone on the last full batch while the other
    cores waited (a sixteenth of a 1,000-chapter run on two cores)."""
    batch = BATCH if batch is None else batch
    left = sum(_size(job) for job in jobs)
    batches: list[list[CountryJob]] = []
    size = limit = 0
    for job in jobs:
        if not batches or size + _size(job) > limit:
            limit = batch if parallel <= 1 else min(batch, max(batch // 10, left // (2 * parallel)))
            batches.append([])
            size = 0
        batches[-1].append(job)
        size += _size(job)
        left -= _size(job)
    return batches


def batch_label(jobs: list[CountryJob]) -> str:
    """`First … Last` country of a batch (its task run's name)."""
    first, last = jobs[0].country, jobs[-1].country
    return first if first == last else f"{first} … {last}"


def batch_calls(
    jobs: list[CountryJob],
    entries: list[CatalogEntry],
    ctx: RunContext,
    manifest: Manifest,
    batch: int | None = None,
    parallel: int = 1,
) -> list[tuple[Any, ...]]:
    """The arguments of process_batch for each batch (batch_jobs): each given only its own
    countries' catalogue lines, fetched pages and manifest records (they travel to worker
    processes)."""
    by_country: dict[str, list[CatalogEntry]] = defaultdict(list)
    for entry in entries:
        by_country[entry.country].append(entry)
    return [
        (
            batch_label(b),
            b,
            ctx.for_entries(e for job in b for e in by_country[job.country]),
            manifest.subset(job.country for job in b),
        )
        for b in batch_jobs(jobs, batch, parallel)
    ]


def process_batch(
    label: str, jobs: list[CountryJob], ctx: RunContext, manifest: Manifest
) -> list[CountryResult] | WorkspaceError:
    """Ingest, compare and render a batch of countries (only what is not stored); a failure of
    the environment is returned, not raised. `label` names the batch."""
    return capture_environment(lambda: [process_country(job, ctx, manifest) for job in jobs])
