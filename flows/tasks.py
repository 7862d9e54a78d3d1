"""Thin Prefect tasks: names, retries and batching around the pure pipeline functions.

Tasks are batches (a task run costs ~60 ms of orchestration): per-item caching happens inside
them, in the content-addressed result store (see crtdiff/pipeline/incremental.py).
"""

from prefect import Task, task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import State, TaskRun
from prefect.tasks import exponential_backoff

from crtdiff.errors import FetchError, WorkspaceError
from crtdiff.fetch.http import Fetched, FetchPolicy, fetch_url
from crtdiff.pipeline.boundary import capture_environment
from crtdiff.pipeline.incremental import (
    CountryJob,
    CountryResult,
    RunContext,
    process_country,
    render_site_index,
)
from crtdiff.pipeline.manifest import Manifest
from flows.artifacts import publish_pair
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
    timeout_seconds=FetchPolicy().deadline_s + 30,  # beyond the fetch's own deadline
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


@task(name="countries", task_run_name="{label}", cache_policy=NO_CACHE)
def process_countries(
    label: str, jobs: list[CountryJob], ctx: RunContext, manifest: Manifest
) -> list[CountryResult] | WorkspaceError:
    """Ingest, compare and render a batch of countries (only what is not stored)."""
    return capture_environment(lambda: [process_country(job, ctx, manifest) for job in jobs])


@task(name="render-index", cache_policy=NO_CACHE)
def render_index(
    country_keys: dict[str, str], ctx: RunContext, pages: dict[str, str]
) -> dict[str, str] | WorkspaceError:
    """Write the index, assets, data tables and the pages across countries (of the group and
    year pages written before, with their keys in `pages`, only those whose key changed);
    returns the group and year pages with their keys."""
    return capture_environment(lambda: render_site_index(country_keys, ctx, pages))


@task(name="publish-artifacts", cache_policy=NO_CACHE)
def publish_artifacts(diffs: list[YearDiff]) -> int:
    """Publish each country's newest pair as Prefect artifacts; returns how many pairs."""
    for diff in diffs:
        publish_pair(diff)
    return len(diffs)
