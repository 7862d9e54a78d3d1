"""The `watch` flow under Prefect: each series' next report year found on a local state.gov."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from crtdiff.catalog.load import load_catalog
from crtdiff.flows.runtime import quiet_flow_settings
from crtdiff.flows.watch import crtdiff_watch
from crtdiff.reference.bundle import load_reference
from tests.conftest import FIXTURES, HRR
from tests.fakeserver import Site, serve

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("prefect")]


@pytest.fixture
def state_gov() -> Iterator[Site]:
    pages = {
        "/reports/country-reports-on-terrorism-2019/niger/":
            (FIXTURES / "pages" / "state-gov-2019-niger.html").read_bytes(),
        "/reports/2024-country-reports-on-human-rights-practices/niger/":
            (HRR / "hrr-2024-niger.html").read_bytes(),
    }  # fmt: skip
    with serve(Site(pages=pages)) as site:
        yield site


def test_watch_finds_each_series_next_year_and_runs_them(
    prefect_server: None, state_gov: Site, tmp_path: Path
) -> None:
    catalog = tmp_path / "data" / "sources.toml"
    catalog.parent.mkdir()
    catalog.write_text(
        f"""
[[report]]
country = "Niger"
year = 2018
source = "{state_gov.url("/gone/crt-2018/")}"

[[report]]
country = "Niger"
year = 2023
series = "hrr"
source = "{state_gov.url("/gone/hrr-2023/")}"
""",
        encoding="utf-8",
    )
    out = tmp_path / "output"
    with quiet_flow_settings():
        found = crtdiff_watch(
            str(catalog), str(out), str(tmp_path / "store"), base_url=state_gov.base_url
        )
    assert found == ["Niger"]
    entries = load_catalog(catalog, load_reference().countries).entries
    assert {(e.series, e.year) for e in entries} >= {("crt", 2019), ("hrr", 2024)}
    assert (out / "niger" / "2019.html").is_file()
    assert (out / "hrr" / "niger" / "2024.html").is_file()
