"""A whole report year from a stand-in of state.gov in one command: discovered, ingested,
compared with the year before (whose chapters sit in region pages), published."""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from prefect.settings import PREFECT_API_URL

from crtdiff.reference.bundle import Reference
from tests.fakeserver import Site, serve
from tests.statesite import publish_country_pages, publish_region_pages, report_year

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("prefect")]

NAMES = ["Mali", "Niger", "Chad", "Kenya", "Iraq", "Pakistan", "Indonesia", "Colombia"]


@pytest.fixture
def site(reference: Reference) -> Iterator[Site]:
    countries = [c for name in NAMES if (c := reference.countries.resolve(name)) is not None]
    with serve(Site()) as running:
        publish_region_pages(running, report_year(countries, 2016, []))
        publish_country_pages(running, report_year(countries, 2017, []))
        yield running


def crtdiff(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_API_URL=str(PREFECT_API_URL.value()), PREFECT_HOME=str(tmp_path / "home"))
    where = ["--catalog", str(tmp_path / "data" / "sources.toml")]
    if args[0] != "discover" or "--no-run" not in args:
        where += ["--out", str(tmp_path / "out"), "--store", str(tmp_path / "store")]
    return subprocess.run(
        [sys.executable, "-c", "from crtdiff.cli import main; main()", *args, *where],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_report_year_in_one_command(prefect_server: None, site: Site, tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    base = ["--base-url", site.base_url]
    earlier = crtdiff(tmp_path, "discover", "--year", "2016", "--all-countries", *base, "--no-run")
    assert earlier.returncode == 0, earlier.stderr
    assert f"crtdiff: report 2016: {len(NAMES)} countries catalogued, 0 not" in earlier.stderr

    year = crtdiff(tmp_path, "discover", "--year", "2017", "--all-countries", *base)
    assert year.returncode == 0, year.stderr
    assert "Traceback" not in year.stderr
    out = tmp_path / "out"
    for name in NAMES:
        slug = name.lower()
        diff = json.loads((out / slug / "2016-2017.json").read_text(encoding="utf-8"))
        assert (diff["old_year"], diff["new_year"]) == (2016, 2017)
        assert (out / slug / "2016-2017.html").is_file()
    report = json.loads((out / "run-report.json").read_text(encoding="utf-8"))
    assert sum(1 for e in report["entries"] if e["status"] == "ok") == 2 * len(NAMES)

    again = crtdiff(tmp_path, "run", "-q", "--year", "2017")
    assert again.returncode == 0, again.stderr
    assert "crtdiff: up to date" in again.stderr  # nothing recomputed, not even started
    unknown = crtdiff(tmp_path, "run", "-q", "--year", "2019")
    assert unknown.returncode == 2
    assert "no chapter of report year 2019 is catalogued" in unknown.stderr
