"""`crtdiff run` killed with SIGKILL at random points: the output folder holds either the
previous complete outputs or the new complete ones, never a torn file, and the next run
completes."""

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from prefect.settings import PREFECT_API_URL

from benchmarks.synthetic import write_archive
from crtdiff.reference.countries import load_countries
from tests.conftest import SEED

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("prefect")]


def assert_complete(out: Path) -> None:
    for path in out.rglob("*"):
        if not path.is_file():
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
        interrupted += process.wait() == -signal.SIGKILL
        assert_complete(out)
    assert interrupted >= 2, "the runs finished before they could be killed: lengthen the work"

    final = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert final.returncode == 0, final.stderr
    assert_complete(out)
    report = json.loads((out / "chad" / "2019.json").read_text(encoding="utf-8"))
    assert "Revision 3." in report["body"]
    assert (out / "chad" / "2018-2019.html").is_file() and (out / "index.html").is_file()
