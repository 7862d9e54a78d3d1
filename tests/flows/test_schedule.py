"""Scheduling on a real Prefect server: `prefect server start` on 127.0.0.1, `crtdiff serve`,
both deployments and their schedules read back through the API, `annual` triggered and
completed, `watch` picking up a chapter that appeared on a local stand-in for state.gov."""

import shutil
import signal
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from crtdiff.paths import DATA_DIR
from tests.conftest import SEED
from tests.fakeserver import Site, serve
from tests.prefect_server import clean_env, crtdiff_command, stop, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("server")]


def test_deployments_schedules_and_runs(real_server: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "raw" / "mali").mkdir(parents=True)
    shutil.copy(SEED, data / "raw" / "mali" / "2016.txt")
    catalog = data / "sources.toml"
    shutil.copy(DATA_DIR / "samples" / "mali" / "2017.txt", data / "raw" / "mali" / "2017.txt")
    entry = '[[report]]\ncountry = "Mali"\nyear = {0}\nsource = "raw/mali/{0}.txt"\n'
    catalog.write_text("# Mali\n" + entry.format(2016) + entry.format(2017), encoding="utf-8")
    month = (datetime.now(UTC).month + 5) % 12 + 1  # five to six months ahead: > 100 days
    annual_cron = f"0 6 1 {month} *"
    page_2018 = SEED.read_text(encoding="utf-8").replace("2016", "2018").encode()

    with serve(Site()) as state_gov:
        serve_env = clean_env(
            tmp_path / "client", PREFECT_API_URL=real_server, PREFECT_RUNNER_POLL_FREQUENCY="2"
        )
        command = crtdiff_command(
            "serve",
            "--catalog",
            str(catalog),
            "--out",
            str(tmp_path / "out"),
            "--store",
            str(tmp_path / "store"),
            "--annual-cron",
            annual_cron,
            "--watch-base-url",
            state_gov.base_url,
        )
        log = tmp_path / "serve.log"
        with log.open("w") as output:
            serving = subprocess.Popen(
                command, env=serve_env, cwd=tmp_path, stdout=output, stderr=subprocess.STDOUT
            )
        try:
            client = httpx.Client(base_url=real_server, timeout=10)

            def call(method: str, path: str, body: dict[str, Any] | None = None) -> Any:
                # A busy server may answer with an error body: callers then try again.
                response = client.request(method, path, json=body)
                return response.json() if response.is_success else None

            def deployments() -> dict[str, Any]:
                found = call("POST", "/deployments/filter", {}) or []
                named = {str(d.get("name")): d for d in found if isinstance(d, dict)}
                return named if {"annual", "watch"} <= named.keys() else {}

            by_name = wait_for(deployments, 90, "both deployments")
            annual, watch = by_name["annual"], by_name["watch"]
            assert annual["schedules"][0]["schedule"]["cron"] == annual_cron
            assert watch["schedules"][0]["schedule"]["cron"] == "0 7 * * 1"

            def scheduled() -> list[Any]:
                runs = call("POST", "/flow_runs/filter", {}) or []
                return [
                    r
                    for r in runs
                    if r.get("deployment_id") == annual["id"] and r.get("state_type") == "SCHEDULED"
                ]

            future = wait_for(scheduled, 60, "the yearly schedule's next run")
            assert all(r["expected_start_time"][5:7] == f"{month:02d}" for r in future)

            def finished(run_id: str) -> str | None:
                state = (call("GET", f"/flow_runs/{run_id}") or {}).get("state_type")
                return state if state in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED") else None

            def trigger(deployment: dict[str, Any]) -> str:
                path = f"/deployments/{deployment['id']}/create_flow_run"
                created = wait_for(lambda: call("POST", path, {}), 30, "a new flow run")
                return str(created["id"])

            run_id = trigger(annual)
            assert wait_for(lambda: finished(run_id), 120, "the annual run") == "COMPLETED"
            assert (tmp_path / "out" / "mali" / "2016.html").is_file()

            state_gov.pages["/reports/country-reports-on-terrorism-2018/mali/"] = page_2018
            run_id = trigger(watch)
            assert wait_for(lambda: finished(run_id), 180, "the watch run") == "COMPLETED"
            text = catalog.read_text(encoding="utf-8")
            assert text.startswith("# Mali") and "country-reports-on-terrorism-2018/mali/" in text
            assert (tmp_path / "out" / "mali" / "2017-2018.html").is_file()

            # serve said what each run did, and stops cleanly on SIGTERM
            said = wait_for(lambda: log.read_text().count(" ended completed") >= 2, 30, "lines")
            assert said
            serving.send_signal(signal.SIGTERM)
            assert serving.wait(timeout=60) == 0
            lines = log.read_text().splitlines()
            assert "Traceback" not in log.read_text()
            assert lines[0].startswith("crtdiff serve: serving annual, watch")
            assert any(
                line.startswith("crtdiff serve: annual run '") and " started at " in line
                for line in lines
            ), lines
            ended = [line for line in lines if "annual run '" in line and " ended " in line]
            assert ended and "ended completed: 2 chapters ingested" in ended[0]
            assert lines[-1].startswith("crtdiff serve: stopped (SIGTERM); ")
        finally:
            stop(serving)


def test_serve_stops_cleanly_on_ctrl_c(real_server: str, tmp_path: Path) -> None:
    env = clean_env(tmp_path / "client", PREFECT_API_URL=real_server)
    catalog = tmp_path / "sources.toml"
    catalog.write_text("# nothing yet\n", encoding="utf-8")
    command = crtdiff_command("serve", "--catalog", str(catalog), "--out", str(tmp_path / "out"))
    serving = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        assert serving.stdout is not None
        first = serving.stdout.readline()  # once serving, it says so
        assert first.startswith("crtdiff serve: serving annual, watch"), first
        serving.send_signal(signal.SIGINT)
        assert serving.wait(timeout=60) == 0
        rest = serving.stdout.read()
        assert (
            rest.splitlines()[-1]
            == "crtdiff serve: stopped (SIGINT); 0 flow runs ended while serving"
        )
        assert "Traceback" not in rest
    finally:
        stop(serving)
