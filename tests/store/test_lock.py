"""Locks between processes: a second holder waits, then gives up with a clear one-line error."""

import subprocess
import sys
import time
from pathlib import Path

import pytest

from crtdiff.errors import WorkspaceError
from crtdiff.store.lock import exclusive


def test_a_held_lock_makes_the_second_process_wait_then_refuse(tmp_path: Path) -> None:
    lock = tmp_path / ".crtdiff.lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from crtdiff.store.lock import exclusive\n"
            f"with exclusive(Path({str(lock)!r}), 5):\n"
            "    print('held', flush=True)\n"
            "    time.sleep(30)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        waited: list[str] = []
        started = time.monotonic()
        refused = pytest.raises(WorkspaceError, match=f"in use by the crtdiff process {holder.pid}")
        with refused, exclusive(lock, 0.5, waited.append):
            pass
        assert 0.4 < time.monotonic() - started < 10
        assert waited and "waiting for the crtdiff process" in waited[0]
    finally:
        holder.kill()
        holder.wait()
    with exclusive(lock, 5):  # released when its holder died
        pass


def test_an_unwritable_folder_is_a_workspace_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    refused = pytest.raises(WorkspaceError, match="cannot lock the folder")
    with refused, exclusive(blocker / "sub" / ".crtdiff.lock", 1):
        pass


def test_a_process_may_take_its_own_lock_again(tmp_path: Path) -> None:
    """`crtdiff run` holds the workspace lock and its flow takes it again (as a deployed run
    does): that must not wait for itself."""
    lock = tmp_path / ".crtdiff.lock"
    with exclusive(lock, 0.2), exclusive(lock, 0.2):
        assert (tmp_path / ".crtdiff.lock.owner").exists()
    assert not (tmp_path / ".crtdiff.lock.owner").exists()
