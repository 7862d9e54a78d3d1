"""Run-time Prefect settings that cannot be given through the environment."""

from collections.abc import Iterator
from contextlib import contextmanager

from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings


@contextmanager
def quiet_flow_settings() -> Iterator[None]:
    """No flow heartbeat thread: it makes every flow run wait ~1 s at its end."""
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield
