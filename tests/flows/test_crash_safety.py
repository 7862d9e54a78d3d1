"""`crtdiff run` killed with SIGKILL at random points: the output folder holds either the
previous complete outputs or the new complete ones, never a torn file, and the next run
completes. And the environment failing under a run: a full or read-only disk, a second run,
`crtdiff add` at the same time."""

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest
from prefect.settings import PREFECT_API_URL

from benchmarks.synthetic import write_archive
from crtdiff.reference.countries import load_countries
from tests.conftest import SEED

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("prefect")]


def assert_complete(out: Path, killed: frozenset[int] = frozenset()) -> None:
    """Every output whole; no temporary file, but the hidden ones of the processes `killed`
    (a kill inside a write leaves its temporary file: the next run to finish removes it)."""
    for path in out.rglob("*"):
        if not path.is_file():
            continue
        found = re.fullmatch(r"\..+\.(\d+)\.\d+\.tmp", path.name)
        if found and int(found.group(1)) in killed:
            continue
        assert not path.name.endswith(".tmp"), f"temporary file left behind: {path}"
        if path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".html":
            assert path.read_text(encoding="utf-8").rstrip().endswith("</html>"), path
        elif path.suffix == ".parquet":
            pd.read_parquet(path)
        elif path.suffix == ".csv" and path.stat().st_size:
            pd.read_csv(path)


def test_sigkill_never_leaves_torn_outputs(prefect_server: None, tmp_path: Path) -> None:
    data = tmp_path / "data"
    chad = load_countries().resolve("Chad")
    assert chad is not None
    write_archive(data, [chad], list(range(1990, 2020)), 30)
    (data / "raw" / "mali").mkdir(parents=True)
    shutil.copy(SEED, data / "raw" / "mali" / "2016.txt")
    (data / "sources.toml").write_text("# every chapter is a file in raw/\n")
    out, store = tmp_path / "out", tmp_path / "store"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_API_URL=str(PREFECT_API_URL.value()), PREFECT_HOME=str(tmp_path / "home"))
    command = [
        sys.executable,
        "-c",
        "from crtdiff.cli import main; main()",
        "run",
        "-q",
        "--catalog",
        str(data / "sources.toml"),
        "--out",
        str(out),
        "--store",
        str(store),
    ]

    first = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert first.returncode == 0, first.stderr
    assert_complete(out)

    rng = random.Random(1)
    interrupted = 0
    killed: set[int] = set()
    for attempt in range(4):
        for path in sorted((data / "raw" / "chad").glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            path.write_text(
                text.replace("Overview: ", f"Overview: Revision {attempt}. ", 1), encoding="utf-8"
            )
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(2.0, 6.0))
        process.send_signal(signal.SIGKILL)
        if process.wait() == -signal.SIGKILL:
            interrupted += 1
            killed.add(process.pid)
        assert_complete(out, frozenset(killed))
    assert interrupted >= 2, "the runs finished before they could be killed: lengthen the work"

    final = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert final.returncode == 0, final.stderr
    assert_complete(out)
    report = json.loads((out / "chad" / "2019.json").read_text(encoding="utf-8"))
    assert "Revision 3." in report["body"]
    assert (out / "chad" / "2018-2019.html").is_file() and (out / "index.html").is_file()


# --- the environment failing: disk full, read-only, a second process -----------------------


def crtdiff_command(*args: str, prelude: str = "") -> list[str]:
    """`crtdiff ARGS` in a fresh interpreter, after `prelude` (fault injection) has run."""
    return [sys.executable, "-c", f"{prelude}\nfrom crtdiff.cli import main; main()", *args]


def prefect_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_API_URL=str(PREFECT_API_URL.value()), PREFECT_HOME=str(tmp_path / "home"))
    env.update(extra)
    return env


def chad_archive(tmp_path: Path, years: int = 30) -> Path:
    data = tmp_path / "data"
    chad = load_countries().resolve("Chad")
    assert chad is not None
    write_archive(data, [chad], list(range(2019 - years + 1, 2020)), 30)
    (data / "raw" / "mali").mkdir(parents=True)
    shutil.copy(SEED, data / "raw" / "mali" / "2016.txt")
    (data / "sources.toml").write_text("# every chapter is a file in raw/\n")
    return data / "sources.toml"


def run_args(catalog: Path, out: Path, store: Path) -> list[str]:
    return ["run", "-q", "--catalog", str(catalog), "--out", str(out), "--store", str(store)]


def assert_environment_error(result: subprocess.CompletedProcess[str], problem: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    # (Prefect may still log its own shutdown warnings: issue 12 quiets those.)
    errors = [line for line in result.stderr.splitlines() if line.startswith("crtdiff: error: ")]
    assert len(errors) == 1 and problem in errors[0], result.stderr


@contextmanager
def tmpfs(path: Path, options: str) -> Iterator[Path]:
    """A small tmpfs mounted at `path` (root only); the test is skipped where mount fails."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
        capture_output=True, check=False,
    )  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr!r}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def test_disk_full_is_one_line_exit_2_and_no_stale_report(
    prefect_server: None, tmp_path: Path
) -> None:
    catalog = chad_archive(tmp_path)
    with tmpfs(tmp_path / "out", "size=1m") as out:
        stale = {"status": "ok", "exit_code": 0}
        (out / "run-report.json").write_text(json.dumps(stale))
        result = subprocess.run(
            crtdiff_command(*run_args(catalog, out, tmp_path / "store")),
            env=prefect_env(tmp_path), capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        assert_environment_error(result, "disk full")
        report = out / "run-report.json"
        if report.exists():  # written once the failed run's temporaries freed some space
            assert json.loads(report.read_text())["exit_code"] == 2
        assert not [p for p in out.rglob("*.tmp")]


def test_disk_full_injected_mid_run(prefect_server: None, tmp_path: Path) -> None:
    """The same fault without a tmpfs: every write under the country's folder fails."""
    catalog = chad_archive(tmp_path, years=3)
    out = tmp_path / "out"
    prelude = (
        "import errno, os, crtdiff.store.atomic as atomic\n"
        "real = atomic._open_temporary\n"
        "def open_temporary(path, mode):\n"
        "    folder = os.path.dirname(path)\n"
        "    if folder.endswith('/chad'):\n"
        "        raise OSError(errno.ENOSPC, 'No space left on device', folder)\n"
        "    return real(path, mode)\n"
        "atomic._open_temporary = open_temporary\n"
    )
    result = subprocess.run(
        crtdiff_command(*run_args(catalog, out, tmp_path / "store"), prelude=prelude),
        env=prefect_env(tmp_path), capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert_environment_error(result, f"{out / 'chad'}: disk full")
    written = json.loads((out / "run-report.json").read_text())
    assert (written["status"], written["exit_code"]) == ("failed", 2)
    assert "disk full" in written["error"]


def test_read_only_store_is_one_line_exit_2(prefect_server: None, tmp_path: Path) -> None:
    catalog = chad_archive(tmp_path, years=2)
    out = tmp_path / "out"
    with tmpfs(tmp_path / "store", "size=1m,ro") as store:
        result = subprocess.run(
            crtdiff_command(*run_args(catalog, out, store)),
            env=prefect_env(tmp_path), capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
    assert_environment_error(result, "read-only file system")
    written = json.loads((out / "run-report.json").read_text())
    assert (written["status"], written["exit_code"]) == ("failed", 2)
    with tmpfs(tmp_path / "read-only-out", "size=1m,ro") as read_only:
        result = subprocess.run(
            crtdiff_command(*run_args(catalog, read_only, tmp_path / "store")),
            env=prefect_env(tmp_path), capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
    assert_environment_error(result, "cannot lock the folder (Read-only file system)")


SLOW_INDEX = (
    "import time, crtdiff.reports.site\n"
    "real_write_index = crtdiff.reports.site.write_index\n"
    "def slow_write_index(*args, **kwargs):\n"
    "    time.sleep(8)\n"
    "    return real_write_index(*args, **kwargs)\n"
    "crtdiff.reports.site.write_index = slow_write_index\n"
)
"""A first run that takes its time over the index, as on a large archive: the second command
surely starts while it is still at work."""


def _wait_for_work(out: Path, store: Path, process: subprocess.Popen[str]) -> None:
    """Until the first run holds the workspace lock, or (without one) is storing results."""
    for _ in range(1200):
        at_work = (out / ".crtdiff.lock.owner").exists() or (store / "reports").exists()
        if at_work and process.poll() is None:
            return
        time.sleep(0.05)
    raise AssertionError("the first run never got to work")


def test_a_second_run_waits_or_refuses_and_never_breaks_the_first(
    prefect_server: None, tmp_path: Path
) -> None:
    catalog = chad_archive(tmp_path)
    out, store = tmp_path / "out", tmp_path / "store"
    command = crtdiff_command(*run_args(catalog, out, store))
    first = subprocess.Popen(
        crtdiff_command(*run_args(catalog, out, store), prelude=SLOW_INDEX),
        env=prefect_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    _wait_for_work(out, store, first)
    refused = subprocess.run(
        command, env=prefect_env(tmp_path, CRTDIFF_LOCK_TIMEOUT="1"),
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert_environment_error(refused, f"in use by the crtdiff process {first.pid}")
    waiting = subprocess.Popen(
        command, env=prefect_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    first_err = first.communicate(timeout=300)[1]
    second_err = waiting.communicate(timeout=300)[1]
    assert first.returncode == 0, first_err
    assert waiting.returncode == 0, second_err
    assert "waiting for the crtdiff process" in second_err
    assert "internal error" not in first_err + second_err
    assert_complete(out)


def test_add_during_a_run_is_not_undone(prefect_server: None, tmp_path: Path) -> None:
    catalog = chad_archive(tmp_path)
    out, store = tmp_path / "out", tmp_path / "store"
    env = prefect_env(tmp_path)
    running = subprocess.Popen(
        crtdiff_command(*run_args(catalog, out, store), prelude=SLOW_INDEX), env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    _wait_for_work(out, store, running)
    niger = str(Path(__file__).parents[1] / "fixtures" / "chapters" / "niger-2012.txt")
    add = subprocess.run(
        crtdiff_command("add", "Niger", "2012", "--file", niger, "--catalog", str(catalog),
                        "--out", str(out), "--store", str(store)),
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert running.wait(timeout=300) == 0
    assert add.returncode == 0, add.stderr
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(name in index for name in ("Chad", "Mali", "Niger"))
    incidents = pd.read_parquet(out / "data" / "incidents.parquet")
    assert {"Chad", "Mali", "Niger"} <= set(incidents.country)
    report = json.loads((out / "run-report.json").read_text(encoding="utf-8"))
    assert "Niger:2012" in [e["key"] for e in report["entries"]]
