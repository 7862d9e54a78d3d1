"""Run-time Prefect settings that cannot be given through the environment."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from prefect import Flow
from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

F = TypeVar("F", bound=Flow[Any, Any])


@contextmanager
def quiet_flow_settings() -> Iterator[None]:
    """No flow heartbeat thread: it makes every flow run wait ~1 s at its end."""
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield


def with_runner(flow: F, dask_address: str | None, processes: int | None = None) -> F:
    """The flow as is (threads), on local worker processes, or on an existing Dask cluster.

    Worker processes pay ~350 ms per task run, so they only help with the coarse batches this
    pipeline uses, on archives large enough to keep every core busy.
    """
    runner: Any = None
    if dask_address is not None:
        from prefect_dask.task_runners import DaskTaskRunner

        runner = DaskTaskRunner(address=dask_address)
    elif processes:
        from prefect.task_runners import ProcessPoolTaskRunner

        runner = ProcessPoolTaskRunner(max_workers=processes)
    if runner is None:
        return flow
    return flow.with_options(task_runner=runner)  # type: ignore[return-value]
