"""`crtdiff run` end to end as a user runs it: summary lines, exit status 0, 1 and 2."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from prefect.settings import PREFECT_API_URL

from tests.conftest import SEED

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("prefect")]


def run(tmp_path: Path, catalog: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_API_URL=str(PREFECT_API_URL.value()), PREFECT_HOME=str(tmp_path / "home"))
    command = [
        sys.executable,
        "-c",
        "from crtdiff.cli import main; main()",
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
