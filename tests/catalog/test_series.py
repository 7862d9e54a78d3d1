"""The catalogue's `series` field: HRR entries beside CRT ones, added from a file or discovered
from the series' URL patterns, the series told from the page or given."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from crtdiff.catalog.add import add_file
from crtdiff.catalog.discover import Found, discover, series_urls
from crtdiff.catalog.load import load_catalog
from crtdiff.errors import NoChapterError
from crtdiff.pipeline.locate import fetch_direct, read_chapter
from crtdiff.reference.bundle import Reference
from tests.conftest import HRR, SEED
from tests.fakeserver import Site, serve

CATALOG = """# both series
[[report]]
country = "Niger"
year = 2019
source = "raw/niger/2019.html"
series = "hrr"

[[report]]
country = "Mali"
year = 2016
source = "raw/mali/2016.txt"
"""


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    (tmp_path / "raw" / "mali").mkdir(parents=True)
    (tmp_path / "raw" / "niger").mkdir(parents=True)
    shutil.copy(SEED, tmp_path / "raw" / "mali" / "2016.txt")
    shutil.copy(HRR / "hrr-2019-niger.html", tmp_path / "raw" / "niger" / "2019.html")
    path = tmp_path / "sources.toml"
    path.write_text(CATALOG, encoding="utf-8")
    return path


def test_entries_of_both_series(catalog: Path, reference: Reference) -> None:
    loaded = load_catalog(catalog, reference.countries)
    assert loaded.rejected == []
    hrr = loaded.find("Niger", 2019, series="hrr")
    assert hrr is not None and hrr.series == "hrr"
    # A file dropped in raw/ stays CRT's: the HRR entry does not hide it.
    dropped = loaded.find("Niger", 2019)
    assert dropped is not None and dropped.series == "crt"


def test_unknown_series_is_rejected_alone(catalog: Path, reference: Reference) -> None:
    catalog.write_text(CATALOG.replace('series = "hrr"', 'series = "tip"'), encoding="utf-8")
    loaded = load_catalog(catalog, reference.countries)
    assert [r.reason for r in loaded.rejected] == [
        "unknown series 'tip' (not in series.csv; known: crt, hrr)"
    ]
    assert loaded.find("Mali", 2016) is not None


def test_country_year_keys_read_the_series_asked_for(catalog: Path, reference: Reference) -> None:
    report = read_chapter("Niger:2019", reference, catalog, series="hrr")
    assert (report.series, report.year) == ("hrr", 2019)
    assert read_chapter("Mali:2016", reference, catalog).series == "crt"


def test_add_tells_the_series_from_the_page(catalog: Path, reference: Reference) -> None:
    added = add_file(catalog, "Niger", 2024, HRR / "hrr-2024-niger.html", reference, series=None)
    assert (added.change, added.entry.series) == ("added", "hrr")
    text = catalog.read_text(encoding="utf-8")
    assert text.startswith("# both series") and 'series = "hrr"' in text.split("2024")[1]
    entry = load_catalog(catalog, reference.countries).find("Niger", 2024, series="hrr")
    assert entry is not None and entry.source.startswith("snapshots/")
    index = (catalog.parent / "snapshots" / "index.json").read_text(encoding="utf-8")
    assert '"file:hrr/niger/2024"' in index  # kept apart from a CRT file of that country-year
    with pytest.raises(NoChapterError, match="another report series"):
        add_file(catalog, "Niger", 2024, HRR / "hrr-2024-niger.html", reference)  # as CRT


@pytest.fixture
def state_gov() -> Iterator[Site]:
    page = (HRR / "hrr-2024-niger.html").read_bytes()
    path = "/reports/2024-country-reports-on-human-rights-practices/niger/"
    with serve(Site(pages={path: page})) as site:
        yield site


def test_discover_follows_the_series_url_patterns(
    catalog: Path, reference: Reference, state_gov: Site
) -> None:
    niger = reference.countries.resolve("Niger")
    assert niger is not None
    assert series_urls(2024, niger, "hrr") == [
        "https://www.state.gov/reports/2024-country-reports-on-human-rights-practices/niger/"
    ]
    assert series_urls(2016, niger, "hrr") == []
    probes = discover(
        catalog, 2024, ["Niger", "Mali"], reference, fetch_direct, state_gov.base_url, "hrr"
    )
    assert {p.country: p.outcome for p in probes} == {"Niger": Found.ADDED, "Mali": Found.ABSENT}
    entry = load_catalog(catalog, reference.countries).find("Niger", 2024, series="hrr")
    assert entry is not None and entry.source.startswith(state_gov.base_url)
    old = discover(catalog, 2016, ["Niger"], reference, fetch_direct, state_gov.base_url, "hrr")
    assert old[0].outcome is Found.NOT_GUESSABLE and "urls.csv" in old[0].detail
