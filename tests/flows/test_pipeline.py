"""The main flow end to end under a real (temporary) Prefect server, against local HTTP."""

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

from crtdiff.flows.pipeline import crtdiff_run
from crtdiff.flows.runtime import quiet_flow_settings
from crtdiff.pipeline.outcome import Status
from tests.conftest import FIXTURES, SEED
from tests.fakeserver import Site, serve

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("prefect")]


@pytest.fixture
def site() -> Iterator[Site]:
    page = (FIXTURES / "pages" / "state-gov-2019-niger.html").read_bytes()
    with serve(Site(pages={"/crt-2019/niger/": page, "/flaky/niger/": page})) as s:
        s.fail_first["/flaky/niger/"] = 1
        yield s


def artifact_data(key: str) -> str:
    """The data of the artifacts stored under a key, read through the synchronous client."""
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key]))
        )
    return " ".join(str(a.data) for a in found)


def make_catalog(tmp_path: Path, site: Site) -> Path:
    data = tmp_path / "data"
    (data / "raw" / "mali").mkdir(parents=True)
    shutil.copy(SEED, data / "raw" / "mali" / "2016.txt")
    (data / "raw" / "empty.txt").write_bytes(b"")
    # The seed without its title lines, catalogued as another country's chapter.
    untitled = SEED.read_text(encoding="utf-8").split("Country Reports on Terrorism 2016\n")[1]
    (data / "raw" / "chapter.txt").write_text(untitled, encoding="utf-8")
    (data / "samples").mkdir()
    shutil.copy(FIXTURES / "chapters" / "niger-2012.txt", data / "samples" / "niger-2012.txt")
    catalog = data / "sources.toml"
    catalog.write_text(
        f"""
[[report]]
country = "Mali"
year = 2016
source = "raw/mali/2016.txt"

[[report]]
country = "Chad"
year = 2016
source = "raw/empty.txt"

[[report]]
country = "Niger"
year = 2019
source = "{site.url("/crt-2019/niger/")}"

[[report]]
country = "Niger"
year = 2018
source = "{site.url("/missing/niger/")}"

[[report]]
country = "Niger"
year = 2012
source = "{site.url("/gone/niger-2012/")}"
fallback = "samples/niger-2012.txt"

[[report]]
country = "Niger"
year = 2020
source = "{site.url("/flaky/niger/")}"

[[report]]
country = "Mali"
year = 20016
source = "raw/mali/2016.txt"

[[report]]
country = "Burkina Faso"
year = 2016
source = "raw/chapter.txt"
""",
        encoding="utf-8",
    )
    return catalog


def test_run_ingests_reports_and_survives_bad_entries(
    prefect_server: None, site: Site, tmp_path: Path
) -> None:
    catalog = make_catalog(tmp_path, site)
    out = tmp_path / "output"
    with quiet_flow_settings():
        report = crtdiff_run(str(catalog), str(out), str(tmp_path / "store"))
    status = {e.key.split(" (")[0]: (e.status, e.reason) for e in report.entries}
    assert status["Mali:2016"][0] is Status.OK
    assert status["Niger:2019"][0] is Status.OK
    assert status["Niger:2012"][0] is Status.OK
    assert status["Chad:2016"][0] is Status.REJECTED
    assert str(status["Chad:2016"][1]).endswith("raw/empty.txt: file is empty")
    # Every incident would have been "in Burkina Faso": the text is Mali's.
    assert status["Burkina Faso:2016"][0] is Status.REJECTED
    assert "the text (names Mali" in str(status["Burkina Faso:2016"][1])
    assert status["Niger:2018"][0] is Status.UNAVAILABLE
    assert "HTTP 404" in str(status["Niger:2018"][1])
    # Niger 2020 is the 2019 page under another URL: the title's year disagrees with the entry.
    assert status["Niger:2020"][0] is Status.REJECTED
    assert "says 2019, but 2020 was asked for" in str(status["Niger:2020"][1])
    assert site.hits["/flaky/niger/"] == 2  # one 500, then Prefect's retry succeeded
    bad_year = [e for e in report.entries if "#7" in e.key]
    assert bad_year and bad_year[0].status is Status.REJECTED
    assert report.exit_code == 1

    mali = json.loads((out / "mali" / "2016.json").read_text(encoding="utf-8"))
    assert (mali["country"], mali["year"], len(mali["sections"])) == ("Mali", 2016, 6)
    niger = json.loads((out / "niger" / "2012.json").read_text(encoding="utf-8"))
    assert niger["source"]["illustrative"] is True
    assert niger["warnings"][0]["code"] == "illustrative_source"
    written = json.loads((out / "run-report.json").read_text(encoding="utf-8"))
    assert written["exit_code"] == 1
    assert {e["status"] for e in written["entries"]} == {"ok", "rejected", "unavailable"}
    snapshots = catalog.parent / "snapshots" / "index.json"
    assert site.url("/crt-2019/niger/") in json.loads(snapshots.read_text(encoding="utf-8"))

    assert [c.key for c in report.comparisons] == ["Niger:2012-2019"]
    assert (out / "niger" / "2012-2019.json").is_file()
    for page in ("index.html", "niger/index.html", "niger/2012-2019.html", "niger/2019.html"):
        assert (out / page).is_file(), page
    assert (out / "data" / "incidents.parquet").is_file()
    assert "Niger: 2012 → 2019" in artifact_data("niger-headline")
    incidents = artifact_data("niger-new-incidents")
    assert "Inates" in incidents
    # Names and words, never internal ids or enum values.
    assert "ISIS in the Greater Sahara (ISIS-GS)" in incidents and "armed assault" in incidents
    assert "isis-gs" not in incidents and "armed_assault" not in incidents


def coverage_csv(out: Path) -> dict[str, tuple[str, str]]:
    """`Country:year` → (status, page) from the coverage table a run wrote."""
    rows = pd.read_csv(out / "data" / "coverage.csv", keep_default_na=False)
    return {f"{r.country}:{r.year}": (str(r.status), str(r.page)) for r in rows.itertuples()}


def test_coverage_lists_every_catalogued_chapter_even_of_a_country_never_read(
    prefect_server: None, site: Site, tmp_path: Path
) -> None:
    catalog = make_catalog(tmp_path, site)
    out, store = tmp_path / "output", str(tmp_path / "store")
    with quiet_flow_settings():
        crtdiff_run(str(catalog), str(out), store)
    rows = coverage_csv(out)
    assert rows["Mali:2016"] == ("real", "mali/2016.html")
    assert rows["Niger:2012"] == ("illustrative", "niger/2012.html")
    assert rows["Niger:2018"] == ("unavailable", "")
    # Chad has no page at all (its only chapter is rejected), yet it is in the table and grid.
    assert rows["Chad:2016"] == ("rejected", "")
    page = (out / "coverage.html").read_text(encoding="utf-8")
    assert '<th scope="row">Chad</th>' in page and "raw/empty.txt: file is empty" in page
    assert 'href="niger/2012.html"' in page and 'href="niger/index.html#coverage"' in page
    assert pd.read_parquet(out / "data" / "coverage.parquet").shape[0] == len(rows)

    # A run of one country keeps the others' rows; an entry leaving the catalogue leaves it.
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('country = "Chad"', 'country = "Togo"'), encoding="utf-8")
    with quiet_flow_settings():
        crtdiff_run(str(catalog), str(out), store, countries=["Mali"])
    rows = coverage_csv(out)
    assert "Niger:2018" in rows and "Chad:2016" not in rows and "Togo:2016" not in rows
