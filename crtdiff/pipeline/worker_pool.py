"""Worker processes for the country batches, forked from a server that has imported their code.

A worker started the usual way (`spawn`: a new interpreter) imports Prefect and crtdiff before
its first batch: 2-3 s on each core before any work, at the start of every run. And a batch
sent as a Prefect task to a worker process pays Prefect's task engine there, ~0.35 s a batch
(its task run, states and events made again in the worker). Here the workers are forked from a
`forkserver` that imported the batch code once, so they start in milliseconds, and the batch
itself is a plain call: its Prefect task run stays in the flow's process (flows/runtime.py).

The server is started once per process (its imports take a second or two, on one core), by
the first pool or ahead of it (start_server, while the flow run starts), and kept: a later
run's workers are forked at once.
A forked worker inherits the server's working folder and environment, not this process's at
the time of the call, so each call carries both.
"""

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import forkserver
from pathlib import Path
from typing import Any, TypeVar

from crtdiff.errors import WorkspaceError

T = TypeVar("T")

_SERVER_METHOD = "forkserver"


def _call_in(
    folder: Path, environment: dict[str, str], function: Callable[..., T], args: tuple[Any, ...]
) -> T:
    """`function(*args)` in the caller's working folder and environment."""
    if Path.cwd() != folder:
        os.chdir(folder)
    if os.environ != environment:
        os.environ.clear()
        os.environ.update(environment)
    return function(*args)


class WorkerPool:
    """Up to `processes` worker processes, each started by the first call that finds none
    idle; `preload`: the modules their calls need, imported once by the server."""

    def __init__(self, processes: int, preload: Sequence[str]) -> None:
        self.processes = processes
        self._executor = ProcessPoolExecutor(max_workers=processes, mp_context=_context(preload))

    def submit(self, function: Callable[..., T], *args: Any) -> "Future[T]":
        """`function(*args)` in a worker (`function` and its arguments picklable)."""
        folder, environment = Path.cwd(), dict(os.environ)
        return self._executor.submit(_call_in, folder, environment, function, args)

    def wait(self, call: "Future[T]") -> T:
        """The result of a submitted call. A worker that ended before its call did (killed, out
        of memory) is an environment failure (WorkspaceError), not a bug."""
        try:
            return call.result()
        except BrokenProcessPool as exc:
            problem = f"a worker process ended abruptly (killed, or out of memory?): {exc}"
            raise WorkspaceError(f"{self.processes} worker processes", problem) from exc

    def close(self, *, stop: bool = False) -> None:
        """Wait for the workers to end; `stop`: end them now (the run failed or was interrupted,
        and nobody waits for what they do)."""
        if stop:
            # No public way to end a pool's busy workers before Python 3.14's terminate_workers.
            # Ended while the pool still watches them: it then fails every call not finished
            # (BrokenProcessPool), so that nobody waits for one forever.
            processes: dict[int, multiprocessing.Process] = (
                getattr(self._executor, "_processes", None) or {}
            )
            for process in list(processes.values()):
                process.terminate()
        self._executor.shutdown(wait=True, cancel_futures=stop)


def _context(preload: Sequence[str]) -> multiprocessing.context.BaseContext:
    """The fork server's context, told what to import when it starts; where there is no fork
    (Windows), the spawning one (workers slower to start, same results)."""
    if _SERVER_METHOD not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context(_SERVER_METHOD)
    # Set before the server first starts (later, it keeps what it imported then).
    context.set_forkserver_preload(list(preload))
    return context


def start_server(preload: Sequence[str]) -> None:
    """Start this process's fork server now (when not running yet): its imports of `preload`
    then take place on another core while this process goes on, instead of holding up the
    first pool's workers. Starting it takes milliseconds; nothing where there is no fork."""
    if _context(preload).get_start_method() == _SERVER_METHOD:
        forkserver.ensure_running()


def stop_server() -> None:
    """End this process's fork server, if it runs (the next pool starts another). Its workers'
    resource use then counts among this process's children's, as a spawned worker's would."""
    server = getattr(forkserver, "_forkserver", None)
    stop = getattr(server, "_stop", None)  # private, and the only way short of exiting
    if stop is not None:
        stop()
