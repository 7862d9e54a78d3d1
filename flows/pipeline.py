"""The main flow: the run of crtdiff/pipeline/run.py with Prefect's means: each batch of
countries and the index a task (in parallel through the task runner), each URL a fetch task
with retries, the run log to the Prefect API, the report and newest pairs as artifacts."""

import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar, cast

from prefect import Task, flow, get_run_logger
from prefect.client.schemas.objects import State
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture
from prefect.states import Failed
from prefect.utilities.annotations import quote

from crtdiff.errors import FetchError
from crtdiff.fetch.http import Fetched
from crtdiff.flows.logs import log_lines
from crtdiff.flows.progress import report, stage_label
from crtdiff.flows.runtime import batches_at_once, in_workers
from crtdiff.flows.server import track
from crtdiff.flows.tasks import (
    fetch_page,
    named_state,
    process_countries,
    publish_artifacts,
    render_index,
)
from crtdiff.paths import DEFAULT_CATALOG, DEFAULT_OUTPUT, DEFAULT_STORE
from crtdiff.pipeline.batches import process_batch
from crtdiff.pipeline.boundary import RunStoppedError
from crtdiff.pipeline.index_pages import render_index_pages
from crtdiff.pipeline.narrate import counts, state_name, work_line
from crtdiff.pipeline.outcome import RunReport
from crtdiff.pipeline.run import run_guarded
from crtdiff.pipeline.wiring import FetchRequest, Wiring
from crtdiff.schemas.diff import YearDiff

T = TypeVar("T")

TASKS: dict[Callable[..., Any], "Task[..., Any]"] = {
    process_batch: process_countries,
    render_index_pages: render_index,
}
"""The Prefect task that carries out each step of the run."""


IN_WORKERS = {process_batch}
"""The steps whose calls, several at once, work in the flow's worker processes when it has
them (their tasks find the work submitted: flows/runtime.py)."""


def dispatch(step: Callable[..., T], calls: Sequence[tuple[Any, ...]]) -> Iterator[T]:
    """Run a step's calls as its task: a single call inline in the flow's process (no worker
    to start, nothing to ship), several through the task runner so that they run in parallel."""
    return _run_task(cast("Task[..., T]", TASKS[step]), calls, step if step in IN_WORKERS else None)


def _run_task(
    task: "Task[..., T]",
    calls: Sequence[tuple[Any, ...]],
    step: Callable[..., T] | None = None,
) -> Iterator[T]:
    """Task runs of `calls`, all started before the first result is awaited.

    Arguments are quoted: Prefect would otherwise walk every object inside them (a catalogue of
    10,000 entries, a manifest of 50,000 records) looking for futures, which costs seconds.
    """
    wrap = quote if _quotes_survive() else _bare
    quoted = [tuple(wrap(arg) for arg in args) for args in calls]
    if len(quoted) == 1:
        # The state, for the task run's id; mypy picks the overload without `return_state`.
        state = cast("State[T]", task(*quoted[0], return_state=True))
        track(state.state_details.task_run_id)
        return iter([state.result()])
    with in_workers(step, calls):
        futures = [task.submit(*args) for args in quoted]
    for future in futures:
        track(future.task_run_id)
    return (future.result() for future in futures)


def _bare(arg: T) -> T:
    return arg


def _quotes_survive() -> bool:
    """False on a Dask cluster: Dask serialises a quoted argument as a plain nested tuple, so the
    task would receive ((value,),) instead of the value; there arguments go unquoted."""
    runners = sys.modules.get("prefect_dask.task_runners")
    if runners is None:
        # A Dask task runner imports its module first: not imported, none runs. Importing it
        # to find out costs 1.5 s (distributed), the whole of a small `crtdiff add`'s work.
        return True
    DaskTaskRunner = runners.DaskTaskRunner  # noqa: N806
    context = FlowRunContext.get()
    return context is None or not isinstance(context.task_runner, DaskTaskRunner)


def fetch_pages(requests: Sequence[FetchRequest]) -> Iterator[Fetched | FetchError]:
    """Each URL's fetch task (with retries), all submitted at once; a task that failed (a
    timeout, a crash) gives its URL a FetchError."""
    futures: list[tuple[str, PrefectFuture[Fetched | FetchError]]] = []
    for url, etag, modified in requests:
        # An async task's future resolves to its value, whatever the type stubs say.
        submitted = fetch_page.submit(url, etag, modified)
        futures.append((url, cast("PrefectFuture[Fetched | FetchError]", submitted)))
        track(futures[-1][1].task_run_id)
    return _fetched(futures)


def _fetched(
    futures: list[tuple[str, "PrefectFuture[Fetched | FetchError]"]],
) -> Iterator[Fetched | FetchError]:
    for url, future in futures:
        outcome = future.result(raise_on_failure=False)
        if isinstance(outcome, (Fetched, FetchError)):
            yield outcome
        else:
            yield FetchError(url, f"fetch failed ({outcome})")


def publish_run(run: RunReport, diffs: list[YearDiff]) -> None:
    """The run report and the newest pairs, as artifacts."""
    list(_run_task(publish_artifacts, [(run, diffs)]))


PREFECT = Wiring(
    dispatch, fetch_pages, progress=report, log=log_lines, label=stage_label,
    parallel=batches_at_once,
)  # fmt: skip
"""The run's means inside the flow."""


@flow(name="crtdiff-run", log_prints=False, validate_parameters=False)
def crtdiff_run(
    catalog_path: str = str(DEFAULT_CATALOG),
    out_dir: str = str(DEFAULT_OUTPUT),
    store_dir: str = str(DEFAULT_STORE),
    countries: list[str] | None = None,
    publish: bool = True,
    recheck_after_s: float = 0.0,
) -> RunReport:
    """Ingest every catalogue entry (or those of `countries`), compare consecutive years,
    render the site; only what changed since the last run is recomputed. URLs checked less
    than `recheck_after_s` seconds ago are not asked again (0: ask every one).

    Ends in a Completed state named `Completed`, or `Incomplete` when some entries were
    rejected or unavailable, whose message gives the counts. A run stopped by the environment
    or by a bug writes a report that says so and ends in a Failed state holding it
    (`RunStoppedError`; see crtdiff/pipeline/boundary.py)."""
    # The output folder's lock is held already by `crtdiff run`; taken here for deployed and
    # `watch` runs.
    run = run_guarded(
        PREFECT, Path(catalog_path), Path(out_dir), Path(store_dir), countries,
        publish_run if publish else None, timedelta(seconds=recheck_after_s),
        on_wait=lambda message: get_run_logger().warning(message),
    )  # fmt: skip
    if run.exit_code >= 2:
        # Prefect makes a returned state the run's final state; a direct call raises its data.
        stopped = RunStoppedError(run)
        return Failed(message=str(stopped), data=stopped)  # type: ignore[return-value]
    message = f"{counts(run)}; {work_line(run)}"
    log_lines([(logging.INFO, message)])
    return named_state(run, state_name(run), message)
