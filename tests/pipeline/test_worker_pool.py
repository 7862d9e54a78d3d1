"""Worker processes forked from a server that imported their code (crtdiff/pipeline/worker_pool.py):
each call runs in another process, in the caller's folder and environment as they are at the
call, and a pool that is stopped or loses a worker says so instead of hanging."""

import multiprocessing
import os
import sys
import time
from collections.abc import Iterator
from concurrent.futures import CancelledError
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import forkserver
from pathlib import Path

import pytest

from crtdiff.errors import WorkspaceError
from crtdiff.pipeline.worker_pool import WorkerPool, start_server

pytestmark = pytest.mark.integration

PRELOAD = "crtdiff.pipeline.batches"


def where_and_what(name: str) -> tuple[int, str, str | None, bool]:
    """The worker's pid, folder, an environment variable, and whether PRELOAD is imported."""
    return os.getpid(), str(Path.cwd()), os.environ.get(name), PRELOAD in sys.modules


def sleep(seconds: float) -> None:
    time.sleep(seconds)


def die() -> None:
    os._exit(3)


@pytest.fixture
def fresh_server() -> Iterator[None]:
    """No fork server left by an earlier test of this process: the pool's preload is the one
    a server imports when it starts, once per process (a private call, for tests only)."""
    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
    if stop is not None:
        stop()
    yield


def test_a_call_runs_in_another_process_in_the_callers_folder_and_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_server: None
) -> None:
    pool = WorkerPool(2, [PRELOAD])
    try:
        first = pool.wait(pool.submit(where_and_what, "CRTDIFF_TEST_SETTING"))
        assert first[0] != os.getpid()
        if "forkserver" in multiprocessing.get_all_start_methods():
            assert first[3], "the worker was forked with the batch code imported"
        # Changed after the server and the first worker started: the next call sees them.
        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("CRTDIFF_TEST_SETTING", "on")
        later = pool.wait(pool.submit(where_and_what, "CRTDIFF_TEST_SETTING"))
        assert later[1:3] == (str(tmp_path), "on")
        monkeypatch.delenv("CRTDIFF_TEST_SETTING")
        assert pool.wait(pool.submit(where_and_what, "CRTDIFF_TEST_SETTING"))[2] is None
    finally:
        pool.close()


def test_stopping_ends_busy_workers_at_once() -> None:
    pool = WorkerPool(1, [])
    busy = pool.submit(sleep, 120)
    queued = pool.submit(sleep, 120)
    time.sleep(0.5)
    started = time.monotonic()
    pool.close(stop=True)
    assert time.monotonic() - started < 30
    with pytest.raises((BrokenProcessPool, CancelledError)):
        queued.result(timeout=5)
    with pytest.raises(BrokenProcessPool):
        busy.result(timeout=5)


def test_a_worker_that_dies_is_an_environment_failure_not_a_wait() -> None:
    pool = WorkerPool(1, [])
    try:
        with pytest.raises(WorkspaceError, match="worker process ended abruptly") as failure:
            pool.wait(pool.submit(die))
        assert "\n" not in str(failure.value)
    finally:
        pool.close()


@pytest.mark.skipif(
    "forkserver" not in multiprocessing.get_all_start_methods(), reason="no fork server here"
)
def test_a_server_started_ahead_imports_the_batch_code_before_any_pool_asks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_server: None
) -> None:
    # A module that says when, and in which process, it is imported.
    marker = tmp_path / "imported"
    (tmp_path / "crtdiff_test_preload.py").write_text(
        f"import os, pathlib\npathlib.Path({str(marker)!r}).write_text(str(os.getpid()))\n"
    )
    # The server is a new interpreter: it finds modules by its environment, not our sys.path.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(tmp_path), *sys.path]))
    started = time.monotonic()
    start_server(["crtdiff_test_preload"])
    assert time.monotonic() - started < 1, "starting the server does not wait for its imports"
    while not marker.exists() and time.monotonic() - started < 60:
        time.sleep(0.05)
    assert marker.exists(), "the server imported its preload with no pool asking"
    assert int(marker.read_text()) != os.getpid()
    assert "crtdiff_test_preload" not in sys.modules
    # The first pool's workers are forked from that server (they have the module already).
    pool = WorkerPool(1, ["crtdiff_test_preload"])
    try:
        pid, _folder, _setting, _preloaded = pool.wait(pool.submit(where_and_what, "X"))
        assert pid != int(marker.read_text())
        assert pool.wait(pool.submit(imported, "crtdiff_test_preload"))
    finally:
        pool.close()
    assert marker.read_text() != str(pid), "imported once, by the server, not by the worker"


def imported(name: str) -> bool:
    return name in sys.modules
