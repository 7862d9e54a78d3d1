"""A catalogue of both series run end to end: CRT's outputs where they always were, HRR's under
output/hrr/, the index of each linking to the other, one run report, nothing redone next run."""

import json
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import cast

import pytest

from crtdiff.catalog.load import load_catalog
from crtdiff.flows.pipeline import crtdiff_run
from crtdiff.flows.runtime import quiet_flow_settings
from crtdiff.paths import REFERENCE_DIR
from crtdiff.pipeline.outcome import Status
from crtdiff.pipeline.uptodate import check_up_to_date
from crtdiff.reference.countries import load_countries
from tests.conftest import HRR, SEED
from tests.fakeserver import Site, serve
from tests.prefect_server import NO_PREFECT, clean_env, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("prefect")]


def make_catalog(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    (data / "raw" / "mali").mkdir(parents=True)
    (data / "hrr").mkdir()
    shutil.copy(SEED, data / "raw" / "mali" / "2016.txt")
    for name in ("hrr-2019-niger.html", "hrr-2020-niger.txt", "hrr-2024-niger.html"):
        shutil.copy(HRR / name, data / "hrr" / name)
    entries = "".join(
        f'\n[[report]]\ncountry = "Niger"\nyear = {year}\nsource = "hrr/{name}"\n'
        f'series = "hrr"\nillustrative = true\n'
        for year, name in (
            (2019, "hrr-2019-niger.html"),
            (2020, "hrr-2020-niger.txt"),
            (2024, "hrr-2024-niger.html"),
        )
    )
    catalog = data / "sources.toml"
    catalog.write_text(
        '[[report]]\ncountry = "Mali"\nyear = 2016\nsource = "raw/mali/2016.txt"\n' + entries,
        encoding="utf-8",
    )
    return catalog


def test_both_series_in_one_run(prefect_server: None, tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path)
    out, store = tmp_path / "output", tmp_path / "store"
    with quiet_flow_settings():
        report = crtdiff_run(str(catalog), str(out), str(store))
    assert report.exit_code == 0, [e.reason for e in report.rejected]
    assert {e.key for e in report.entries} == {
        "Mali:2016", "Niger:2019 (hrr)", "Niger:2020 (hrr)", "Niger:2024 (hrr)",
    }  # fmt: skip
    assert [c.key for c in report.comparisons] == [
        "Niger:2019-2020 (hrr)",
        "Niger:2020-2024 (hrr)",
    ]
    assert all(e.status is Status.OK for e in report.entries)
    # CRT where it always was; HRR in its own folder, a site of its own.
    assert (out / "mali" / "2016.json").is_file() and not (out / "niger").exists()
    niger = json.loads((out / "hrr" / "niger" / "2024.json").read_text(encoding="utf-8"))
    assert niger["series"] == "hrr" and niger["sections"][1]["key"] == "hrr:extrajudicial-killings"
    pair = (out / "hrr" / "niger" / "2020-2024.md").read_text(encoding="utf-8")
    assert "| a. Extrajudicial Killings | a. Arbitrary Deprivation" in pair
    assert "Most changed" in pair.split("## Headline")[1].split("\n")[2]
    for page in ("index.html", "niger/index.html", "niger/2020-2024.html", "niger/2024.html"):
        assert (out / "hrr" / page).is_file(), page
    crt_index = (out / "index.html").read_text(encoding="utf-8")
    hrr_index = (out / "hrr" / "index.html").read_text(encoding="utf-8")
    assert (
        'href="hrr/index.html"' in crt_index
        and "What changed in the Country Reports on Terrorism" in crt_index
    )
    assert 'href="../index.html"' in hrr_index
    assert "What changed in the Country Reports on Human Rights Practices" in hrr_index
    written = json.loads((out / "run-report.json").read_text(encoding="utf-8"))
    assert len(written["entries"]) == 4 and len(written["comparisons"]) == 2

    with quiet_flow_settings():
        again = crtdiff_run(str(catalog), str(out), str(store))
    assert (again.work.ingested, again.work.compared, again.work.index_rendered) == (0, 0, 0)
    assert again.work.ingest_cached == 4


HRR_2024 = "/reports/2024-country-reports-on-human-rights-practices/niger/"


def test_nothing_changed_in_either_series_is_answered_without_prefect(
    prefect_server: None, tmp_path: Path
) -> None:
    site = Site(pages={HRR_2024: (HRR / "hrr-2024-niger.html").read_bytes()})
    with serve(site):
        catalog = make_catalog(tmp_path)
        text = catalog.read_text(encoding="utf-8")
        catalog.write_text(  # HRR 2024 from a URL: its check is kept in output/hrr/'s manifest
            text.replace('source = "hrr/hrr-2024-niger.html"', f'source = "{site.url(HRR_2024)}"'),
            encoding="utf-8",
        )
        out, store = tmp_path / "output", tmp_path / "store"
        with quiet_flow_settings():
            first = crtdiff_run(str(catalog), str(out), str(store))
        assert first.exit_code == 0, [e.reason for e in first.rejected]
        assert site.hits[HRR_2024] == 1

        # `crtdiff run` as a user runs it: up to date, from both series' manifests, no Prefect.
        command = [sys.executable, "-c", NO_PREFECT, "run", "-q", "--catalog", str(catalog),
                   "--out", str(out), "--store", str(store)]  # fmt: skip
        result = subprocess.run(
            command, env=clean_env(tmp_path / "home"), capture_output=True, text=True,
            timeout=120, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert result.stderr.startswith(
            "crtdiff: up to date, nothing changed since the last run: 4 chapters ingested "
            "(2 illustrative), 0 unavailable, 0 rejected; 2 year-to-year comparisons; "
            "URLs asked again after "
        ), result.stderr
        assert site.hits[HRR_2024] == 1  # checked a moment ago: not asked again
    written = json.loads((out / "run-report.json").read_text(encoding="utf-8"))
    assert written["up_to_date"] is True and written["next_url_check"]
    assert sorted(e["key"] for e in written["entries"]) == [
        "Mali:2016", "Niger:2019 (hrr)", "Niger:2020 (hrr)", "Niger:2024 (hrr)",
    ]  # fmt: skip
    assert written["work"]["ingest_cached"] == 4 and written["work"]["compare_cached"] == 2

    def check(path: Path = catalog, recheck: timedelta = timedelta(days=1)) -> bool:
        countries = load_countries()
        loaded = load_catalog(path, countries)
        args = (countries, REFERENCE_DIR, out, store, None, recheck)
        return check_up_to_date(loaded, *args) is not None

    assert check()
    assert not check(recheck=timedelta(0))  # the HRR URL is due: the flow asks it

    # Work in either series is work: an HRR chapter changed, an HRR page removed.
    hrr_2020 = tmp_path / "data" / "hrr" / "hrr-2020-niger.txt"
    kept = hrr_2020.read_bytes()
    hrr_2020.write_bytes(kept + b"\n")
    assert not check()
    hrr_2020.write_bytes(kept)
    assert check()
    page = out / "hrr" / "niger" / "2020-2024.html"
    kept = page.read_bytes()
    page.unlink()
    assert not check()
    page.write_bytes(kept)
    assert check()

    # Without its HRR entries the catalogue is a one-series site: CRT's index loses the link to
    # the HRR site, so it is rendered again (not answered up to date).
    crt_only = tmp_path / "data" / "crt-only.toml"
    crt_only.write_text(
        '[[report]]\ncountry = "Mali"\nyear = 2016\nsource = "raw/mali/2016.txt"\n',
        encoding="utf-8",
    )
    assert not check(crt_only)


def test_a_run_over_both_series_is_logged_and_published_once(
    prefect_server: None, tmp_path: Path
) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        LogFilter,
        LogFilterFlowRunId,
    )

    catalog = make_catalog(tmp_path)
    mali_2017 = SEED.read_text(encoding="utf-8").replace("2016", "2017")
    (tmp_path / "data" / "raw" / "mali" / "2017.txt").write_text(mali_2017, encoding="utf-8")
    catalog.write_text(
        catalog.read_text(encoding="utf-8")
        + '\n[[report]]\ncountry = "Mali"\nyear = 2017\nsource = "raw/mali/2017.txt"\n',
        encoding="utf-8",
    )
    out, store = tmp_path / "output", tmp_path / "store"
    with quiet_flow_settings():
        state = crtdiff_run(str(catalog), str(out), str(store), return_state=True)
    assert state.name == "Completed" and state.message is not None
    assert state.message.startswith(
        "5 chapters ingested (3 illustrative), 0 unavailable, 0 rejected; "
        "3 year-to-year comparisons; 5 ingested (0 reused), 3 compared (0 reused), "
        "2 countries rendered (0 reused), index rendered"
    )
    run_id = state.state_details.flow_run_id
    assert run_id is not None
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[run_id]))
        )
    # One run report for both series, and each series' newest pair under keys of its own.
    keys = sorted(a.key or "" for a in artifacts)
    assert keys == ["crtdiff-run-report", "hrr-niger-headline", "mali-headline",
                    "mali-new-incidents"]  # fmt: skip
    data = next(a.data for a in artifacts if a.key == "crtdiff-run-report")
    rows = cast("list[dict[str, object]]", json.loads(data) if isinstance(data, str) else data)
    items = {r["item"] for r in rows}
    assert {"Mali:2016-2017", "Niger:2019-2020 (hrr)", "Niger:2020-2024 (hrr)"} <= items
    headline = next(str(a.data) for a in artifacts if a.key == "hrr-niger-headline")
    assert "Niger (HRR): 2020 → 2024" in headline  # the newest pair of the series
    published = "published the run report and the newest pair of 2 countries"

    def run_log() -> list[str] | None:  # the last lines reach the API a moment after the run
        with get_client(sync_client=True) as client:
            logs = client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=[run_id])))
        messages = [entry.message for entry in logs]
        return messages if published in messages else None

    messages = wait_for(run_log, 30, "the run log")
    assert "Country Reports on Terrorism: 2 catalogue entries, outputs in " + str(out) in messages
    hrr = "Country Reports on Human Rights Practices: 3 catalogue entries, outputs in "
    assert hrr + str(out / "hrr") in messages
    assert any(m.startswith("Niger: ingested 2019 from ") for m in messages)
