"""A run on a real Prefect server, read back through its API: the run log says what was fetched
from where, reused, ingested, compared and rejected; the states say what happened; the run
report and every country's newest pair are artifacts, on every run, under stable keys; and a
run with nothing to do answers at once without a flow run."""

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import SEED
from tests.fakeserver import Site, serve
from tests.prefect_server import clean_env, crtdiff_command

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("server")]


def page(year: int) -> bytes:
    return SEED.read_text(encoding="utf-8").replace("2016", str(year)).encode()


@dataclass
class Workspace:
    catalog: Path
    out: Path
    site: Site
    api: str
    env: dict[str, str]
    since: str

    def run(self, *extra: str) -> subprocess.CompletedProcess[str]:
        out = ["--out", str(self.out), "--store", str(self.out.parent / "store")]
        command = crtdiff_command("run", "-q", "--catalog", str(self.catalog), *out, *extra)
        return subprocess.run(
            command, env=self.env, capture_output=True, text=True, timeout=600, check=False
        )

    def post(self, path: str, body: dict[str, Any]) -> Any:
        response = httpx.post(f"{self.api}{path}", json=body, timeout=30)
        response.raise_for_status()
        return response.json()

    def runs(self) -> list[dict[str, Any]]:
        """This test's flow runs (the server is shared with other tests), oldest first."""
        found = self.post(
            "/flow_runs/filter",
            {"flow_runs": {"start_time": {"after_": self.since}}, "sort": "START_TIME_ASC"},
        )
        return [r for r in found if r["parameters"].get("catalog_path") == str(self.catalog)]

    def artifacts(self, key: str) -> list[dict[str, Any]]:
        """The artifacts of this test's runs under `key`, newest first."""
        ids = [r["id"] for r in self.runs()]
        body = {"artifacts": {"key": {"any_": [key]}, "flow_run_id": {"any_": ids}}}
        return list(self.post("/artifacts/filter", {**body, "sort": "CREATED_DESC"}))

    def messages(self, run: dict[str, Any]) -> list[str]:
        """The run log of a flow run and its task runs."""
        body = {"logs": {"flow_run_id": {"any_": [run["id"]]}}, "limit": 200}
        return [entry["message"] for entry in self.post("/logs/filter", body)]


@pytest.fixture
def workspace(real_server: str, tmp_path: Path) -> Iterator[Workspace]:
    site = Site(
        pages={"/crt/mali-2017/": page(2017), "/crt/mali-2018/": page(2018)},
        # one 500 first: retried; 500 every time: retried, then unavailable
        fail_first={"/crt/mali-2017/": 1, "/crt/mali-2020/": 99},
    )
    with serve(site):
        data = tmp_path / "data"
        (data / "raw" / "mali").mkdir(parents=True)
        (data / "raw" / "mali" / "2016.txt").write_bytes(SEED.read_bytes())
        (data / "raw" / "empty.txt").write_bytes(b"")
        entry = '[[report]]\ncountry = "{}"\nyear = {}\nsource = "{}"\n\n'
        catalog = data / "sources.toml"
        catalog.write_text(
            entry.format("Mali", 2016, "raw/mali/2016.txt")
            + entry.format("Mali", 2017, site.url("/crt/mali-2017/"))
            + entry.format("Mali", 2018, site.url("/crt/mali-2018/"))
            + entry.format("Mali", 2019, site.url("/crt/mali-2019/"))  # 404
            + entry.format("Mali", 2020, site.url("/crt/mali-2020/"))  # 500, 500, 500, 500
            + entry.format("Niger", 2016, "raw/empty.txt"),  # rejected
            encoding="utf-8",
        )
        env = clean_env(tmp_path / "home", PREFECT_API_URL=real_server)
        del env["PREFECT_LOGGING_LEVEL"]  # crtdiff's own logging settings, as a user has them
        since = datetime.now(UTC).isoformat()
        yield Workspace(catalog, tmp_path / "out", site, real_server, env, since)


def test_a_run_is_logged_and_truthful_in_prefect(workspace: Workspace) -> None:
    first = workspace.run("--recheck-after", "0")
    assert first.returncode == 1, first.stderr  # Niger was rejected
    assert "Traceback" not in first.stderr and "ERROR" not in first.stderr
    assert workspace.site.hits["/crt/mali-2017/"] == 2  # the retry happened, silently
    assert workspace.site.hits["/crt/mali-2020/"] == 4  # three retries, silently

    runs = workspace.runs()
    assert len(runs) == 1
    run = runs[0]
    assert (run["state_type"], run["state_name"]) == ("COMPLETED", "Incomplete")
    assert run["state"]["message"].startswith(
        "3 chapters ingested, 2 unavailable, 1 rejected; 2 year-to-year comparisons; "
        "3 ingested (0 reused), 2 compared (0 reused)"
    )

    tasks = workspace.post(
        "/task_runs/filter", {"flow_runs": {"id": {"any_": [run["id"]]}}, "limit": 50}
    )
    fetches = {t["name"].removeprefix("fetch "): t for t in tasks if t["name"].startswith("fetch ")}
    missing = fetches[workspace.site.url("/crt/mali-2019/")]
    assert (missing["state_type"], missing["state_name"]) == ("COMPLETED", "Unavailable")
    assert missing["state"]["message"] == "HTTP 404"
    flaky = fetches[workspace.site.url("/crt/mali-2017/")]
    assert (flaky["state_name"], flaky["run_count"]) == ("Completed", 2)
    broken = fetches[workspace.site.url("/crt/mali-2020/")]
    assert (broken["state_name"], broken["run_count"]) == ("Unavailable", 4)
    assert broken["state"]["message"] == "HTTP 500"

    messages = workspace.messages(run)
    text = "\n".join(messages).replace(str(workspace.catalog.parent.parent) + "/", "")
    assert f"fetched {workspace.site.url('/crt/mali-2018/')}: " in text
    assert f"unavailable: {workspace.site.url('/crt/mali-2019/')}: HTTP 404" in text
    assert "Mali: ingested 2016 from data/raw/mali/2016.txt, 2017 from http" in text
    assert "compared 2016-2017, 2017-2018" in text
    assert "Niger:2016: rejected: data/raw/empty.txt: file is empty" in text
    retries = [m for m in messages if " - Retry " in m]
    assert len(retries) == 4 and all("\n" not in m for m in retries)  # one line each
    assert not any("Traceback" in m for m in messages)

    # Nothing recomputed: the flow still runs (URLs due), and publishes the newest pair again.
    second = workspace.run("--recheck-after", "0")
    assert second.returncode == 1 and "Traceback" not in second.stderr
    for key in ("mali-headline", "mali-new-incidents", "crtdiff-run-report"):
        assert len(workspace.artifacts(key)) == 2, key  # one per run, history kept
    headline = workspace.artifacts("mali-headline")[0]["data"]
    assert "Mali: 2017 → 2018" in headline  # the newest pair, though not recomputed
    report = workspace.artifacts("crtdiff-run-report")[0]["data"]
    rows = json.loads(report) if isinstance(report, str) else report
    statuses = [r["status"] for r in rows[:3]]
    assert statuses == ["unavailable", "unavailable", "rejected"]  # what needs a look first
    assert {"item": "Niger:2016", "status": "rejected"}.items() <= rows[2].items()
    assert any(r["item"] == "Mali:2016-2017" and r["computed"] == "reused" for r in rows)
    again = "\n".join(workspace.messages(workspace.runs()[-1]))
    assert "2 countries unchanged since the last run: reused 3 reports, 2 comparisons" in again
    assert "Niger:2016: rejected: " in again  # said again, without parsing it again

    # Nothing due (the URLs were checked a moment ago): answered without a flow run.
    third = workspace.run()
    assert third.returncode == 1 and "crtdiff: up to date" in third.stderr
    assert len(workspace.runs()) == 2
    written = json.loads((workspace.out / "run-report.json").read_text(encoding="utf-8"))
    assert written["up_to_date"] is True and written["exit_code"] == 1
