"""`crtdiff run` as a user runs it, on a copy of the bundled catalogue (its URLs served by a local
stand-in for state.gov): every run that starts the temporary Prefect server prints progress and
its summary and nothing else, and a run with nothing to do answers without Prefect."""

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from crtdiff.paths import DATA_DIR
from tests.conftest import SEED
from tests.fakeserver import Site, serve
from tests.prefect_server import NO_DASK, NO_PREFECT, clean_env

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("server")]


class Workspace:
    def __init__(self, root: Path, site: Site) -> None:
        self.root, self.site = root, site
        self.env = clean_env(root / "prefect-home")
        del self.env["PREFECT_LOGGING_LEVEL"]  # crtdiff's own settings, as a user has them

    def run(self, *args: str, code: str = "from crtdiff.cli import main; main()") -> str:
        """Run `crtdiff run ARGS` in the workspace; its stderr (it prints nothing on stdout)."""
        places = ["--catalog", str(self.root / "data" / "sources.toml"),
                  "--out", str(self.root / "output"), "--store", str(self.root / "store")]  # fmt: skip
        result = subprocess.run(
            [sys.executable, "-c", code, "run", *places, *args],
            env=self.env, capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
        # 1: five of the catalogue's URLs are unavailable (the run is incomplete, not failed)
        assert result.returncode == 1, result.stderr
        assert result.stdout == ""
        return result.stderr

    def report(self) -> dict[str, object]:
        data: dict[str, object] = json.loads((self.root / "output" / "run-report.json").read_text())
        return data


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    """The bundled data folder, its state.gov URLs pointing at a local site: 2018 published,
    2019 published behind one server error, everything else 404 (2015 and 2017 fall back to
    their illustrative chapters, the other years are unavailable)."""
    site = Site(
        pages={
            "/reports/country-reports-on-terrorism-2018/mali/": SEED.read_bytes().replace(
                b"2016", b"2018"
            ),
            "/reports/country-reports-on-terrorism-2019/mali/": SEED.read_bytes().replace(
                b"2016", b"2019"
            ),
        },
        fail_first={"/reports/country-reports-on-terrorism-2019/mali/": 1},
    )
    with serve(site):
        data = tmp_path / "data"
        data.mkdir()
        for part in ("raw", "samples"):
            shutil.copytree(DATA_DIR / part, data / part)
        catalog = (DATA_DIR / "sources.toml").read_text(encoding="utf-8")
        catalog = re.sub(r"https://[a-z0-9.-]*state\.gov", site.base_url, catalog)
        assert site.base_url in catalog
        (data / "sources.toml").write_text(catalog, encoding="utf-8")
        yield Workspace(tmp_path, site)


SUMMARY = re.compile(r"^(crtdiff: .+|  (note|unavailable, skipped|work): .+)$")


def test_runs_print_progress_and_summary_only(workspace: Workspace) -> None:
    for attempt in range(5):
        # Every URL due again: each run starts (and stops) the temporary Prefect server.
        stderr = workspace.run("--recheck-after", "0")
        assert "Traceback" not in stderr and "ERROR" not in stderr, (attempt, stderr)
        assert "WARNING" not in stderr and "Still processing" not in stderr, (attempt, stderr)
        lines = stderr.splitlines()
        assert all(SUMMARY.match(line) for line in lines), (attempt, stderr)
        assert lines[:4] == [  # piped: the progress as plain lines
            "crtdiff: starting Prefect",
            "crtdiff: fetch 9/9",
            "crtdiff: ingest 10/10",
            "crtdiff: render",
        ]
        assert lines[-2].startswith(
            "crtdiff: 5 chapters ingested (2 illustrative), 5 unavailable, 0 rejected; "
            "4 year-to-year comparisons"
        )
    assert workspace.site.hits["/reports/country-reports-on-terrorism-2019/mali/"] == 6


def test_nothing_changed_is_answered_without_prefect(workspace: Workspace) -> None:
    workspace.run("-q")
    assert workspace.report()["up_to_date"] is False
    hits = sum(workspace.site.hits.values())

    stderr = workspace.run("-q", code=NO_PREFECT)
    assert stderr.startswith("crtdiff: up to date, nothing changed since the last run: 5 chapters")
    assert len(stderr.splitlines()) == 1
    assert sum(workspace.site.hits.values()) == hits  # the URLs were checked a moment ago
    report = workspace.report()
    assert report["up_to_date"] is True and report["exit_code"] == 1
    assert report["work"] == {
        "ingested": 0, "ingest_cached": 5, "compared": 0, "compare_cached": 4,
        "countries_rendered": 0, "countries_cached": 1, "index_rendered": 0,
    }  # fmt: skip
    assert "up to date" in workspace.run("-q", "--country", "Mali", code=NO_PREFECT)

    # A changed chapter is work: the flow runs, and only that chapter is ingested again.
    seed = workspace.root / "data" / "raw" / "mali" / "2016.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    stderr = workspace.run("-q", code=NO_DASK)
    assert "dask was imported" not in stderr
    assert "work: 1 ingested (4 reused)" in stderr
    assert workspace.report()["up_to_date"] is False
