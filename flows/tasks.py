"""Thin Prefect tasks: names, retries and batching around the pure pipeline functions."""

from pathlib import Path

from prefect import Task, task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import State, TaskRun
from prefect.tasks import exponential_backoff

from crtdiff.catalog.model import CatalogEntry
from crtdiff.errors import FetchError
from crtdiff.fetch.http import Fetched, fetch_url
from crtdiff.pipeline.compare_pairs import Pair, compare_pair
from crtdiff.pipeline.ingest_entries import IngestContext, ingest_entries
from crtdiff.pipeline.outcome import EntryOutcome
from crtdiff.pipeline.render_site import render_countries, render_index
from crtdiff.reference.gazetteer import Gazetteer
from flows.artifacts import publish_pair
from reports.site import CountrySummary
from schemas import CountryReport
from schemas.diff import YearDiff


def _transient_failure(_task: "Task[..., object]", _run: TaskRun, state: State) -> bool:
    """Retry only what may succeed later: 5xx, timeouts, broken transfers; never 404/offline."""
    error = state.result(raise_on_failure=False)
    return isinstance(error, FetchError) and error.transient


@task(
    name="fetch-page",
    retries=3,
    retry_delay_seconds=exponential_backoff(backoff_factor=1),
    retry_condition_fn=_transient_failure,
    task_run_name="fetch {url}",
    cache_policy=NO_CACHE,
)
def fetch_page(url: str, etag: str | None, last_modified: str | None) -> Fetched | FetchError:
    """GET one chapter URL (conditional when validators are known).

    Transient failures raise, so that Prefect retries them; permanent ones (404, offline) are
    returned as values: they are reported in the run summary, not logged as task crashes.
    """
    try:
        return fetch_url(url, etag=etag, last_modified=last_modified)
    except FetchError as exc:
        if exc.transient:
            raise
        return exc


@task(name="ingest-batch", task_run_name="ingest {label}", cache_policy=NO_CACHE)
def ingest_batch(
    label: str, entries: list[CatalogEntry], ctx: IngestContext
) -> list[tuple[EntryOutcome, CountryReport | None]]:
    """Ingest a batch of entries (one task per batch keeps orchestration overhead small)."""
    return ingest_entries(entries, ctx)


@task(name="compare-batch", task_run_name="compare {label}", cache_policy=NO_CACHE)
def compare_batch(
    label: str, pairs: list[Pair], gazetteer: Gazetteer, out_dir: Path
) -> list[tuple[EntryOutcome, YearDiff | None]]:
    """Compare a batch of consecutive-year pairs and write their diffs."""
    return [compare_pair(pair, gazetteer, out_dir) for pair in pairs]


@task(name="render-countries", task_run_name="render {label}", cache_policy=NO_CACHE)
def render_batch(
    label: str, out_dir: Path, reports: list[CountryReport], diffs: list[YearDiff]
) -> list[CountrySummary]:
    """Write every page of a batch of countries."""
    return render_countries(out_dir, reports, diffs)


@task(name="render-index", cache_policy=NO_CACHE)
def render_site_index(
    out_dir: Path,
    summaries: list[CountrySummary],
    reports: list[CountryReport],
    diffs: list[YearDiff],
) -> None:
    """Write the index, assets and data tables."""
    render_index(out_dir, summaries, reports, diffs)


@task(name="publish-artifacts", cache_policy=NO_CACHE)
def publish_artifacts(diffs: list[YearDiff]) -> int:
    """Publish each country's newest pair as Prefect artifacts; returns how many pairs."""
    newest: dict[tuple[str, str], YearDiff] = {}
    for diff in diffs:
        key = (diff.country, diff.chapter)
        if key not in newest or diff.new_year > newest[key].new_year:
            newest[key] = diff
    for diff in newest.values():
        publish_pair(diff)
    return len(newest)
