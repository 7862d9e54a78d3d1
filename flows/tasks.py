"""Thin Prefect tasks: names, retries and the run log around the steps of crtdiff/pipeline.

Tasks are batches (a task run costs ~60 ms of orchestration): per-item caching happens inside
them, in the content-addressed result store (see crtdiff/pipeline/country_task.py).
"""

import asyncio
import logging
from typing import TypeVar, cast

from prefect import Task, task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import State, TaskRun
from prefect.runtime import task_run
from prefect.states import Completed
from prefect.tasks import exponential_backoff

from crtdiff.errors import FetchError, WorkspaceError
from crtdiff.fetch.http import Fetched, FetchPolicy, fetch_url
from crtdiff.flows.artifacts import publish_pair, publish_run_report
from crtdiff.flows.logs import log_lines
from crtdiff.flows.runtime import submitted
from crtdiff.pipeline.batches import process_batch
from crtdiff.pipeline.context import RunContext
from crtdiff.pipeline.country_task import CountryResult
from crtdiff.pipeline.index_pages import render_index_pages
from crtdiff.pipeline.manifest import Manifest
from crtdiff.pipeline.narrate import fetch_line, outcome_lines
from crtdiff.pipeline.outcome import RunReport
from crtdiff.pipeline.settle import CountryJob
from crtdiff.pipeline.stored_parts import DamagedSummaryError
from crtdiff.schemas.diff import YearDiff


def _transient_failure(_task: "Task[..., object]", _run: TaskRun, state: State) -> bool:
    """Retry only what may succeed later: 5xx, timeouts, broken transfers; never 404/offline."""
    # The exception itself: `state.result()` is a coroutine in an async task's engine.
    error = state.data
    return isinstance(error, FetchError) and error.transient


RETRIES = 3
V = TypeVar("V")


def named_state(value: V, name: str, message: str) -> V:
    """`value` in a Completed state called `name`, with a message: the state the task run ends
    in. Prefect unwraps it, so callers get `value` (hence the type)."""
    return cast(V, Completed(name=name, message=message, data=value))


@task(
    name="fetch-page",
    retries=RETRIES,
    retry_delay_seconds=exponential_backoff(backoff_factor=1),
    retry_condition_fn=_transient_failure,
    task_run_name="fetch {url}",
    cache_policy=NO_CACHE,
    timeout_seconds=FetchPolicy().deadline_s + 30,  # beyond the fetch's own deadline
)
async def fetch_page(url: str, etag: str | None, last_modified: str | None) -> Fetched | FetchError:
    """GET one chapter URL (conditional when validators are known).

    A transient failure with attempts left raises, so that Prefect retries it (one line in the
    run log, no traceback). The last failure, and a permanent one (404, offline), is the task's
    value in a Completed state named `Unavailable` whose message says why: reported in the run
    summary, never logged as a crash, never a plain green Completed. A 304 is `NotModified`.

    Async, the blocking GET in a thread: a sync task's timeout cannot interrupt it (Prefect
    warns so on the console for every fetch), an awaited one ends the task at its timeout.
    """
    try:
        fetched = await asyncio.to_thread(fetch_url, url, etag=etag, last_modified=last_modified)
    except FetchError as exc:
        if exc.transient and task_run.run_count <= RETRIES:
            raise
        log_lines([fetch_line(url, exc)])
        return named_state(exc, "Unavailable", exc.problem)
    log_lines([fetch_line(url, fetched)])
    if fetched.not_modified:
        return named_state(fetched, "NotModified", "the stored snapshot stands")
    return fetched


@task(name="countries", task_run_name="{label}", cache_policy=NO_CACHE)
def process_countries(
    label: str, jobs: list[CountryJob], ctx: RunContext, manifest: Manifest
) -> list[CountryResult] | WorkspaceError:
    """Ingest, compare and render a batch of countries (only what is not stored): in a worker
    process when the run has them (flows/runtime.py), else here."""
    work = submitted(label)
    results: list[CountryResult] | WorkspaceError = (
        process_batch(label, jobs, ctx, manifest) if work is None else work()
    )
    if not isinstance(results, WorkspaceError):
        entries = [o for r in results for o in r.entries]
        log_lines(outcome_lines(entries, [p for r in results for p in r.pairs]))
    return results


@task(name="render-index", cache_policy=NO_CACHE)
def render_index(
    country_keys: dict[str, str], ctx: RunContext, pages: dict[str, str]
) -> dict[str, str] | WorkspaceError | DamagedSummaryError:
    """Write the index, assets, data tables and the pages across countries (of the group and
    year pages written before, with their keys in `pages`, only those whose key changed);
    returns the group and year pages with their keys (or the countries found damaged)."""
    return render_index_pages(country_keys, ctx, pages)


@task(name="publish-artifacts", cache_policy=NO_CACHE)
def publish_artifacts(run: RunReport, diffs: list[YearDiff]) -> int:
    """Publish the run report and each country's newest pair as Prefect artifacts; returns
    how many pairs."""
    publish_run_report(run)
    for diff in diffs:
        publish_pair(diff)
    pairs = "1 country" if len(diffs) == 1 else f"{len(diffs)} countries"
    log_lines([(logging.INFO, f"published the run report and the newest pair of {pairs}")])
    return len(diffs)
