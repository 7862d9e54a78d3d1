"""Thin Prefect tasks: names, retries and batching around the pure pipeline functions.

Tasks are batches (a task run costs ~60 ms of orchestration): per-item caching happens inside
them, in the content-addressed result store (see crtdiff/pipeline/incremental.py).
"""

from prefect import Task, task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import State, TaskRun
from prefect.tasks import exponential_backoff

from crtdiff.errors import FetchError
from crtdiff.fetch.http import Fetched, fetch_url
from crtdiff.pipeline.incremental import (
    CountryPlan,
    PairPlan,
    Resolved,
    RunContext,
    compare_planned,
    ingest_resolved,
    render_planned,
    render_site_index,
)
from crtdiff.pipeline.manifest import Manifest
from crtdiff.pipeline.outcome import EntryOutcome
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
    label: str, items: list[Resolved], ctx: RunContext, manifest: Manifest
) -> list[EntryOutcome]:
    """Parse (unless stored) a batch of entries and write their outputs."""
    return [ingest_resolved(item, ctx, manifest) for item in items]


@task(name="compare-batch", task_run_name="compare {label}", cache_policy=NO_CACHE)
def compare_batch(
    label: str, plans: list[PairPlan], ctx: RunContext, manifest: Manifest
) -> list[EntryOutcome]:
    """Compare (unless stored) a batch of consecutive-year pairs."""
    return [compare_planned(plan, ctx, manifest) for plan in plans]


@task(name="render-countries", task_run_name="render {label}", cache_policy=NO_CACHE)
def render_batch(label: str, plans: list[CountryPlan], ctx: RunContext) -> int:
    """Render the pages of a batch of countries."""
    for plan in plans:
        render_planned(plan, ctx)
    return len(plans)


@task(name="render-index", cache_policy=NO_CACHE)
def render_index(country_keys: dict[str, str], ctx: RunContext) -> None:
    """Write the index, assets and data tables."""
    render_site_index(country_keys, ctx)


@task(name="publish-artifacts", cache_policy=NO_CACHE)
def publish_artifacts(diffs: list[YearDiff]) -> int:
    """Publish each country's newest pair as Prefect artifacts; returns how many pairs."""
    for diff in diffs:
        publish_pair(diff)
    return len(diffs)
