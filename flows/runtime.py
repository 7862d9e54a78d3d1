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


def with_runner(flow: F, dask_address: str | None) -> F:
    """The flow as is (threads), or set to run its tasks on an existing Dask cluster."""
    if dask_address is None:
        return flow
    from prefect_dask.task_runners import DaskTaskRunner

    runner: Any = DaskTaskRunner(address=dask_address)
    return flow.with_options(task_runner=runner)  # type: ignore[return-value]
