"""The two deployments, `annual` and `watch`, and serving them against a Prefect server."""

from collections.abc import Callable
from dataclasses import dataclass

from prefect.deployments.runner import RunnerDeployment
from prefect.schedules import Cron
from prefect.types.entrypoint import EntrypointType

from crtdiff.catalog.report_index import STATE_GOV
from crtdiff.flows.pipeline import crtdiff_run
from crtdiff.flows.runtime import on_every_core
from crtdiff.flows.serving import serve_and_watch
from crtdiff.flows.watch import crtdiff_watch
from crtdiff.paths import DEFAULT_CATALOG, DEFAULT_OUTPUT, DEFAULT_STORE

ANNUAL_CRON = "0 6 1 12 *"
"""The full rebuild: December 1st, 06:00 UTC (reports usually appear in the second half)."""
WATCH_CRON = "0 7 * * 1"
"""Probe for newly published chapters every Monday, 07:00 UTC."""

annual_run = on_every_core(crtdiff_run)
"""The pipeline as the `annual` deployment runs it, a worker process per core. A served run
loads its flow from the deployment's entrypoint in a new process, so the task runner must be
part of the object the entrypoint names."""


@dataclass(frozen=True)
class Schedule:
    """Where the deployments read and write, and when they run."""

    catalog: str = str(DEFAULT_CATALOG)
    out_dir: str = str(DEFAULT_OUTPUT)
    store_dir: str = str(DEFAULT_STORE)
    annual_cron: str = ANNUAL_CRON
    watch_cron: str = WATCH_CRON
    timezone: str = "UTC"
    watch_base_url: str = STATE_GOV


def deployments(schedule: Schedule) -> list[RunnerDeployment]:
    """`annual` (the whole pipeline) and `watch` (probe and publish new chapters)."""
    paths = {
        "catalog_path": schedule.catalog,
        "out_dir": schedule.out_dir,
        "store_dir": schedule.store_dir,
    }
    # from_flow, not the flows' to_deployment: that answers a coroutine in an event loop.
    annual = RunnerDeployment.from_flow(
        annual_run,
        name="annual",
        schedule=Cron(schedule.annual_cron, timezone=schedule.timezone),
        parameters=paths,
        tags=["crtdiff"],
        description="Fetch, ingest, compare and render every chapter of the catalogue.",
        entrypoint_type=EntrypointType.MODULE_PATH,
    )
    # Prefect names the function the flow was made from (`crtdiff_run`, the threads runner).
    annual.entrypoint = f"{__name__}.annual_run"
    watch = RunnerDeployment.from_flow(
        crtdiff_watch,
        name="watch",
        schedule=Cron(schedule.watch_cron, timezone=schedule.timezone),
        parameters={**paths, "base_url": schedule.watch_base_url},
        tags=["crtdiff"],
        description="Probe state.gov for the next report year's chapters and publish them.",
    )
    return [annual, watch]


def serve_deployments(schedule: Schedule, echo: Callable[[str], None]) -> None:
    """Register both deployments and run their scheduled and triggered runs until SIGTERM or
    SIGINT, echoing a line as each run starts and ends."""
    serve_and_watch(deployments(schedule), echo)
