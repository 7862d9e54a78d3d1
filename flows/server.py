"""The Prefect API a run talks to, and a clean end to it.

Without PREFECT_API_URL Prefect starts a temporary API server in a subprocess and terminates it
at interpreter exit. The server records task runs from the events the client streams to it, one
database write per event, and lags behind the client on a busy machine; terminated while it
still writes, it logs `Error flushing 1 events` with a CancelledError traceback, and the client,
stopped with events still queued, warns `Still processing items`. So the temporary server is
started here, and stopped only once the client has sent everything and the server has recorded
every task run of the run.
"""

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from uuid import UUID

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import TaskRunFilter, TaskRunFilterId
from prefect.settings import (
    PREFECT_API_URL,
    PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS,
    temporary_settings,
)

_task_runs: list[UUID] = []
"""Task runs started by flows in this process, for the server to have recorded before it
stops (tasks on worker processes included: their ids are known where they are submitted)."""

_FINAL = ("COMPLETED", "FAILED", "CANCELLED", "CRASHED")


def track(task_run_id: UUID | None) -> None:
    """Remember a task run this process started."""
    if task_run_id is not None:
        _task_runs.append(task_run_id)


def drain_client(timeout_s: float = 60.0) -> None:
    """Send every queued event and log now, while the API is up: an empty events queue is
    awaited first, because stopping the events worker with items left makes it warn."""
    from prefect._internal.concurrency.services import QueueService
    from prefect.events.worker import EventsWorker

    deadline = time.monotonic() + timeout_s
    # One registry holds every queue service of the process (events, logs, ...).
    registry = QueueService._instances  # type: ignore[misc]  # a class-level dict of instances
    workers = [s for s in list(registry.values()) if isinstance(s, EventsWorker)]
    for worker in workers:
        while worker._queue.unfinished_tasks and time.monotonic() < deadline:
            time.sleep(0.05)
    # From a thread of its own: with an event loop running in this one (a notebook's cell),
    # drain_all would return a coroutine nobody awaits, and wait for nothing.
    with ThreadPoolExecutor(max_workers=1) as pool:
        timeout = max(deadline - time.monotonic(), 1.0)
        pool.submit(QueueService.drain_all, timeout=timeout, at_exit=False).result()


def wait_until_recorded(task_runs: list[UUID], timeout_s: float = 30.0) -> bool:
    """Wait until the server has recorded every task run in a final state; False on timeout."""
    if not task_runs:
        return True
    wanted = TaskRunFilter(id=TaskRunFilterId(any_=task_runs))
    deadline = time.monotonic() + timeout_s
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            runs = client.read_task_runs(task_run_filter=wanted, limit=len(task_runs))
            final = [r for r in runs if r.state_type is not None and r.state_type.value in _FINAL]
            if len(final) >= len(set(task_runs)):
                return True
            time.sleep(0.2)
    return False


@contextmanager
def prefect_api() -> Iterator[None]:
    """The server in PREFECT_API_URL, or a temporary one on 127.0.0.1 stopped cleanly after
    the block; either way, every event and log of the block is sent before it ends."""
    _task_runs.clear()
    if PREFECT_API_URL.value():
        try:
            yield
        finally:
            drain_client()
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start(timeout=int(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value()))
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
            try:
                yield
            finally:
                drain_client()
                wait_until_recorded(list(_task_runs))
    finally:
        server.stop()
