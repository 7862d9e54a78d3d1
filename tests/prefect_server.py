"""A real `prefect server start` on 127.0.0.1 for the tests that read runs back through its API,
and the helpers to run commands against it."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

BASE_ENV = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_UI_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def stop(process: subprocess.Popen[Any]) -> None:
    """SIGTERM by PID (servers ignore Ctrl-C for seconds), then SIGKILL."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """This environment without any PREFECT_ setting, with a home of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    return {**env, **BASE_ENV, "PREFECT_HOME": str(home), **extra}


def wait_for(predicate: Any, timeout: float, what: str) -> Any:
    """The first truthy value of predicate(), polled every second; AssertionError on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(1)
    raise AssertionError(f"timed out waiting for {what}")


@contextmanager
def running_prefect_server(home: Path) -> Iterator[str]:
    """A Prefect server on a free 127.0.0.1 port; yields its API URL."""
    port = free_port()
    env = clean_env(
        home,
        # A yearly cron's next run lies beyond the scheduler's default 100-day look-ahead.
        PREFECT_SERVER_SERVICES_SCHEDULER_MAX_SCHEDULED_TIME="P400D",
        PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS="2",
    )
    command = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
               "--port", str(port)]  # fmt: skip
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    api = f"http://127.0.0.1:{port}/api"

    def healthy() -> bool:
        try:
            return httpx.get(f"{api}/health", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        wait_for(healthy, 120, "the prefect server to become healthy")
        yield api
    finally:
        stop(process)


def crtdiff_command(*args: str) -> list[str]:
    """The command line of `crtdiff ARGS` in this interpreter."""
    return [sys.executable, "-c", "from crtdiff.cli import main; main()", *args]


NO_PREFECT = (
    "import sys\n"
    "from crtdiff.cli import main\n"
    "try:\n"
    "    main()\n"
    "finally:\n"
    "    assert 'prefect' not in sys.modules, 'prefect was imported'\n"
)
"""`crtdiff` as a `python -c` program that checks that Prefect was never imported, whatever
the command's exit status."""

NO_DASK = NO_PREFECT.replace("'prefect'", "'distributed'").replace("prefect was", "dask was")
"""`crtdiff` as a `python -c` program that checks that Dask was never imported (a run on the
default task runner has no use for it, and importing it costs 1.5 s)."""
