"""`crtdiff serve`: run the deployments' flow runs, say what each did, stop cleanly on a signal."""

import asyncio
import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import cast
from uuid import UUID

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterDeploymentId
from prefect.client.schemas.objects import FlowRun
from prefect.client.schemas.sorting import FlowRunSort
from prefect.deployments.runner import RunnerDeployment
from prefect.runner import Runner

from crtdiff.pipeline.run_watch import RunView, RunWatch

Echo = Callable[[str], None]
Handler = Callable[[int, FrameType | None], None]


def _views(runs: list[FlowRun], names: dict[UUID, str]) -> list[RunView]:
    return [
        RunView(
            id=str(r.id),
            deployment=names.get(r.deployment_id, "?") if r.deployment_id else "?",
            name=r.name,
            state_type=r.state_type.value if r.state_type else "",
            state_name=r.state_name or "",
            message=r.state.message if r.state else None,
            started=r.start_time.isoformat(timespec="seconds") if r.start_time else None,
        )
        for r in runs
    ]


class _Watcher(threading.Thread):
    """Polls the API for the runs of the served deployments and echoes their changes."""

    def __init__(self, names: dict[UUID, str], echo: Echo, every_s: float = 2.0) -> None:
        super().__init__(name="crtdiff-run-watch", daemon=True)
        self.names, self.echo, self.every_s = names, echo, every_s
        self.stopped = threading.Event()
        self.ended = 0
        self.watch = RunWatch(self._read())

    def _read(self) -> list[RunView]:
        wanted = FlowRunFilter(deployment_id=FlowRunFilterDeploymentId(any_=list(self.names)))
        with get_client(sync_client=True) as client:
            runs = client.read_flow_runs(
                flow_run_filter=wanted, sort=FlowRunSort.START_TIME_DESC, limit=50
            )
        return _views(runs, self.names)

    def run(self) -> None:
        while not self.stopped.wait(self.every_s):
            try:
                lines = self.watch.update(self._read())
            except Exception as exc:  # a busy or restarting server: say so, keep watching
                lines = [f"crtdiff serve: cannot read flow runs ({type(exc).__name__}: {exc})"]
            for line in lines:
                self.ended += " ended " in line
                self.echo(line)


def serve_and_watch(deployments: list[RunnerDeployment], echo: Echo) -> None:
    """Register the deployments, run their flow runs until SIGTERM or SIGINT, echo a line as
    each run starts and ends, and one when serving stops."""
    runner = Runner(pause_on_shutdown=True)
    names = {cast(UUID, runner.add_deployment(d)): d.name for d in deployments}
    received: list[str] = []

    def record(signum: int, _frame: FrameType | None) -> None:
        # Only noted here: raising in a signal handler (the runner exits when it has not
        # started yet) can land while asyncio builds its loop and leave it half made.
        received.append(signal.Signals(signum).name)

    signal.signal(signal.SIGINT, record)
    signal.signal(signal.SIGTERM, record)
    watcher = _Watcher(names, echo)
    watcher.start()
    echo(f"crtdiff serve: serving {', '.join(sorted(names.values()))}; stop with SIGTERM or Ctrl-C")
    try:
        asyncio.run(_serve(runner, record, received))
    finally:
        watcher.stopped.set()
    why = received[0] if received else "the runner stopped"
    runs = f"{watcher.ended} flow run{'' if watcher.ended == 1 else 's'}"
    echo(f"crtdiff serve: stopped ({why}); {runs} ended while serving")


async def _serve(runner: Runner, record: Handler, received: list[str]) -> None:
    """Run the runner until a signal is noted, then stop it the runner's own graceful way."""
    task = asyncio.create_task(runner.start())
    await asyncio.sleep(0)  # start() installs its SIGTERM handler first thing: put ours back
    signal.signal(signal.SIGTERM, record)
    while not task.done():
        if received and runner.started and not runner.stopping:
            runner.handle_sigterm()
        await asyncio.wait({task}, timeout=0.2)
    task.result()
