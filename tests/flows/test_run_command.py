"""`crtdiff run` end to end as a user runs it: summary lines, exit status 0, 1 and 2."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from prefect.settings import PREFECT_API_URL

from crtdiff.run_command import RunOptions, starts_workers
from tests.conftest import FIXTURES, SEED

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("prefect")]

CLI = "from crtdiff.cli import main; main()"
IN_AN_EVENT_LOOP = (
    "import asyncio\n"
    "from crtdiff.cli import main\n"
    "async def cell() -> None:\n"
    "    main()\n"
    "asyncio.run(cell())\n"
)
"""`crtdiff run` called where a notebook calls it: inside a running event loop."""


def run(
    tmp_path: Path, catalog: Path, api_url: str | None = None, code: str = CLI
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(
        PREFECT_API_URL=api_url or str(PREFECT_API_URL.value()),
        PREFECT_HOME=str(tmp_path / "home"),
    )
    command = [
        sys.executable,
        "-c",
        code,
        "run",
        "-q",
        "--catalog",
        str(catalog),
        "--out",
        str(tmp_path / "out"),
        "--store",
        str(tmp_path / "store"),
    ]
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def test_exit_status_and_summary(prefect_server: None, tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "raw" / "mali").mkdir(parents=True)
    shutil.copy(SEED, data / "raw" / "mali" / "2016.txt")
    catalog = data / "sources.toml"
    catalog.write_text("# only the raw/ drop\n")
    ok = run(tmp_path, catalog)
    assert ok.returncode == 0, ok.stderr
    assert "1 chapters ingested" in ok.stderr and "Traceback" not in ok.stderr

    (data / "raw" / "niger").mkdir()
    (data / "raw" / "niger" / "2016.txt").write_bytes(b"")
    bad = run(tmp_path, catalog)
    assert bad.returncode == 1
    assert "rejected: Niger:2016: data/raw/niger/2016.txt: file is empty" in bad.stderr.replace(
        str(tmp_path) + "/", ""
    )
    assert "Traceback" not in bad.stderr
    report = json.loads((tmp_path / "out" / "run-report.json").read_text())
    assert report["exit_code"] == 1
    assert "0 ingested (1 reused)" in bad.stderr  # Mali was not recomputed

    catalog.write_text("[[report]\n")
    broken = run(tmp_path, catalog)
    assert broken.returncode == 2
    assert broken.stderr.strip().splitlines() == [broken.stderr.strip()]
    assert "not valid TOML" in broken.stderr
    # The report of the failed run replaces the last one: never left saying all went well.
    report = json.loads((tmp_path / "out" / "run-report.json").read_text())
    assert (report["status"], report["exit_code"]) == ("failed", 2)
    assert "not valid TOML" in report["error"]


def test_an_unreachable_prefect_server_is_an_environment_error(
    prefect_server: None, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    (data / "raw" / "mali").mkdir(parents=True)
    shutil.copy(SEED, data / "raw" / "mali" / "2016.txt")
    catalog = data / "sources.toml"
    catalog.write_text("# only the raw/ drop\n")
    down = run(tmp_path, catalog, api_url="http://127.0.0.1:9/api")
    assert down.returncode == 2, down.stderr
    assert "Traceback" not in down.stderr
    errors = [line for line in down.stderr.splitlines() if line.startswith("crtdiff: error: ")]
    assert len(errors) == 1 and "http://127.0.0.1:9/api: Prefect failed" in errors[0]
    report = json.loads((tmp_path / "out" / "run-report.json").read_text())
    assert (report["status"], report["exit_code"]) == ("failed", 2)


def test_hostile_files_in_raw_are_rejected_one_by_one(prefect_server: None, tmp_path: Path) -> None:
    """Each used to stop the whole run with a traceback (or block it, or fill the memory)."""
    data = tmp_path / "data"
    raw = data / "raw"
    for country in ("mali", "niger", "chad"):
        (raw / country).mkdir(parents=True)
    shutil.copy(SEED, raw / "mali" / "2016.txt")
    shutil.copy(SEED, raw / "mali" / "1989.txt")  # a year out of range
    shutil.copy(SEED, raw / "mali" / "2014.txt")  # and its .html twin
    shutil.copy(SEED, raw / "mali" / "2014.html")
    shutil.copy(FIXTURES / "chapters" / "niger-2012.txt", raw / "niger" / "2012.txt")
    os.mkfifo(raw / "niger" / "2013.txt")  # would block the run
    with (raw / "niger" / "2014.txt").open("wb") as sparse:  # 8 GB read into memory
        sparse.truncate(8 * 2**30)
    (raw / "chad" / "2015.txt").symlink_to("/etc/hostname")  # outside data/
    catalog = data / "sources.toml"
    catalog.write_text("# only the raw/ drops\n")
    result = run(tmp_path, catalog)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    lines = result.stderr.replace(str(tmp_path) + "/", "")
    for expected in (
        "rejected: raw/mali/1989.txt: year 1989 is outside the years of the reports",
        "rejected: raw/mali/2014.txt: Mali 2014 is read from raw/mali/2014.html",
        "rejected: Niger:2013: data/raw/niger/2013.txt: is not a regular file (a named pipe)",
        "rejected: Niger:2014: data/raw/niger/2014.txt: file is 8590 MB, over the 25 MB limit",
        "rejected: raw/chad/2015.txt: path 'raw/chad/2015.txt' escapes the data folder",
    ):
        assert expected in lines, result.stderr
    out = tmp_path / "out"
    for page in ("mali/2016.html", "niger/2012.html", "index.html"):
        assert (out / page).is_file(), page
    report = json.loads((out / "run-report.json").read_text())
    assert (report["status"], report["exit_code"]) == ("incomplete", 1)


def test_a_run_inside_an_event_loop_still_gets_its_report(
    prefect_server: None, tmp_path: Path
) -> None:
    """In a notebook (an event loop running in the thread), Prefect hands back a coroutine
    for a flow's result unless told to answer synchronously."""
    data = tmp_path / "data"
    (data / "raw" / "mali").mkdir(parents=True)
    shutil.copy(SEED, data / "raw" / "mali" / "2016.txt")
    catalog = data / "sources.toml"
    catalog.write_text("# only the raw/ drop\n")
    result = run(tmp_path, catalog, code=IN_AN_EVENT_LOOP)
    assert result.returncode == 0, result.stderr
    assert "1 chapters ingested" in result.stderr and "Traceback" not in result.stderr
    assert "never awaited" not in result.stderr  # every log and event was sent, not dropped


@pytest.mark.parametrize(
    ("processes", "dask_address", "countries", "starts"),
    [
        (2, None, None, True),  # every country
        (2, None, ["Mali", "Niger"], True),
        (2, None, ["Mali"], False),  # one batch, in the flow's process (crtdiff add)
        (None, None, None, False),  # threads
        (None, "tcp://127.0.0.1:8786", None, False),  # a Dask cluster
    ],
)
def test_the_worker_server_starts_ahead_only_for_runs_that_use_workers(
    processes: int | None, dask_address: str | None, countries: list[str] | None, starts: bool
) -> None:
    options = RunOptions(
        Path("sources.toml"), Path("out"), Path("store"), dask_address=dask_address,
        processes=processes,
    )  # fmt: skip
    assert starts_workers(options, countries) is starts
