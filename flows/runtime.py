"""Run-time Prefect settings that cannot be given through the environment, and the task
runners a run can use."""

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from types import TracebackType
from typing import Any, TypeVar

from prefect import Flow
from prefect.context import FlowRunContext
from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
from prefect.task_runners import ThreadPoolTaskRunner

from crtdiff.pipeline.worker_pool import WorkerPool, start_server
from crtdiff.series.registry import plugin_modules

F = TypeVar("F", bound=Flow[Any, Any])

BATCH_MODULES = ("crtdiff.pipeline.batches",)
"""What a country batch runs (the series' plugins are added): imported once for all workers."""

Work = Callable[[], Any]
"""Waiting for a call submitted to the workers: its result, or the error it raised."""

_submitted: ContextVar[dict[str, Work] | None] = ContextVar("crtdiff_submitted", default=None)


class WorkerProcessesRunner(ThreadPoolTaskRunner[Any]):
    """Task runs in the flow's process, as the default runner's; the work of the country
    batches submitted together in worker processes (crtdiff/pipeline/worker_pool.py).

    Prefect's ProcessPoolTaskRunner starts each worker as a new interpreter importing Prefect
    and crtdiff (2-3 s of a run's start on every core) and runs Prefect's task engine in it for
    every batch (~0.35 s each); here a task run costs what it costs in threads, and the workers,
    forked from a server that imported the batch code, start at once. The pool is made when a
    run first submits batches together: a run of one country never starts a worker.
    """

    def __init__(self, processes: int) -> None:
        super().__init__()
        self.processes = processes
        self._workers: WorkerPool | None = None

    def duplicate(self) -> "WorkerProcessesRunner":
        """A runner of the same size, for another flow run."""
        return type(self)(self.processes)

    def workers(self) -> WorkerPool:
        """The run's worker processes (made on first use)."""
        if self._workers is None:
            self._workers = WorkerPool(self.processes, _batch_preload())
        return self._workers

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        workers, self._workers = self._workers, None
        if workers is not None and exc_type is not None:
            # Ended first, so that the task runs waiting for them end too.
            workers.close(stop=True)
        try:
            super().__exit__(exc_type, exc_value, traceback)
        finally:
            if workers is not None and exc_type is None:
                workers.close()


def _batch_preload() -> list[str]:
    return [*BATCH_MODULES, *plugin_modules()]


def start_worker_server() -> None:
    """Start the worker processes' fork server ahead of a run that will have batches for them
    (crtdiff/pipeline/worker_pool.py): its imports, a second or two of one core, then overlap
    the flow run's start (its creation, Prefect's first-run imports, the run's plan) instead of
    holding up the first batches. Once per process; a run of one country needs no workers."""
    start_server(_batch_preload())


@contextmanager
def in_workers(
    step: Callable[..., Any] | None = None, calls: Sequence[tuple[Any, ...]] = ()
) -> Iterator[None]:
    """Task runs submitted in the block find their work, `step(*call)` for each call (named by
    its first argument, a batch's label), already submitted to the flow's worker processes when
    its runner has them (see submitted): in the calls' order, which is then the order the
    workers take them up in (task runs start in threads in no set order, so batches sent from
    each would run in any order, the largest maybe last)."""
    runner = _workers_runner()
    work: dict[str, Work] | None = None
    if step is not None and runner is not None:
        pool = runner.workers()
        work = {call[0]: partial(pool.wait, pool.submit(step, *call)) for call in calls}
    token = _submitted.set(work)
    try:
        yield
    finally:
        _submitted.reset(token)


def batches_at_once() -> int:
    """How many country batches the flow run's task runner works on at once: its worker
    processes (threads share one core's Python; a Dask cluster's size is not known here)."""
    runner = _workers_runner()
    return runner.processes if runner is not None else 1


def _workers_runner() -> WorkerProcessesRunner | None:
    """The flow run's task runner, when it has worker processes."""
    context = FlowRunContext.get()
    runner = context.task_runner if context is not None else None
    return runner if isinstance(runner, WorkerProcessesRunner) else None


def submitted(label: str) -> Work | None:
    """A task run's work, when in_workers submitted it to the worker processes (else the task
    run works in the flow's process)."""
    work = _submitted.get()
    return None if work is None else work.get(label)


@contextmanager
def quiet_flow_settings() -> Iterator[None]:
    """No flow heartbeat thread: it makes every flow run wait ~1 s at its end."""
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield


def with_runner(flow: F, dask_address: str | None, processes: int | None = None) -> F:
    """The flow as is (threads), with local worker processes (WorkerProcessesRunner), or on an
    existing Dask cluster."""
    runner: Any = None
    if dask_address is not None:
        from prefect_dask.task_runners import DaskTaskRunner

        runner = DaskTaskRunner(address=dask_address)
    elif processes:
        runner = WorkerProcessesRunner(processes)
    if runner is None:
        return flow
    return flow.with_options(task_runner=runner)  # type: ignore[return-value]


def on_every_core(flow: F) -> F:
    """The flow with a worker process per core (WorkerProcessesRunner), as `crtdiff run` runs
    it by default."""
    return with_runner(flow, None, os.cpu_count() or 1)
