"""A catalogue of both series run end to end: CRT's outputs where they always were, HRR's under
output/hrr/, the index of each linking to the other, one run report, nothing redone next run."""

import json
import shutil
from pathlib import Path

import pytest

from crtdiff.pipeline.outcome import Status
from flows.pipeline import crtdiff_run
from flows.runtime import quiet_flow_settings
from tests.conftest import HRR, SEED

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
