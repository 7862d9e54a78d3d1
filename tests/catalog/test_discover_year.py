"""Every chapter of a report year from its table of contents, on a stand-in for state.gov."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from crtdiff.catalog.discover import Found, discover_year
from crtdiff.catalog.load import load_catalog
from crtdiff.catalog.report_index import index_url
from crtdiff.errors import FetchError, NoChapterError
from crtdiff.pipeline.locate import fetch_direct
from crtdiff.reference.bundle import Reference
from crtdiff.reference.countries import Country
from tests.fakeserver import Site, serve
from tests.statesite import publish_country_pages, publish_region_pages, report_year

pytestmark = pytest.mark.integration  # subprocesses and local servers: not `make unit`

NAMES = ["Mali", "Niger", "Chad", "Kenya", "Iraq", "Egypt", "Pakistan", "India", "Colombia"]


@pytest.fixture
def site() -> Iterator[Site]:
    with serve(Site()) as running:
        yield running


@pytest.fixture
def countries(reference: Reference) -> list[Country]:
    found = [reference.countries.resolve(name) for name in NAMES]
    assert all(found)
    return [c for c in found if c is not None]


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "sources.toml"
    path.parent.mkdir()
    path.write_text("# the catalogue\n", encoding="utf-8")
    return path


def _somalia(reference: Reference) -> list[Country]:
    somalia = reference.countries.resolve("Somalia")
    assert somalia is not None
    return [somalia]


def test_index_urls_follow_the_eras() -> None:
    assert index_url(2019) == "https://www.state.gov/reports/country-reports-on-terrorism-2019/"
    assert index_url(2017) == "https://www.state.gov/reports/country-reports-on-terrorism-2017/"
    assert index_url(2013) == "https://2009-2017.state.gov/j/ct/rls/crt/2013/index.htm"
    assert index_url(2006) == "https://2001-2009.state.gov/s/ct/rls/crt/2006/index.htm"
    assert (
        index_url(2013, "http://127.0.0.1:8000/")
        == "http://127.0.0.1:8000/j/ct/rls/crt/2013/index.htm"
    )


def test_a_2017_on_year_catalogues_each_country_page_and_the_safe_havens(
    site: Site, catalog: Path, countries: list[Country], reference: Reference
) -> None:
    report = report_year(countries, 2019, _somalia(reference))
    publish_country_pages(site, report)
    found = discover_year(catalog, 2019, reference, fetch_direct, site.base_url)
    assert [p.outcome for p in found.probes] == [Found.ADDED] * (len(NAMES) + 1)
    loaded = load_catalog(catalog, reference.countries)
    assert not loaded.rejected
    keys = {(e.country, e.year, e.chapter): e.source for e in loaded.entries}
    prefix = f"{site.base_url}/reports/country-reports-on-terrorism-2019"
    assert keys[("Mali", 2019, "country")] == f"{prefix}/mali/"
    assert keys[("Somalia", 2019, "safe-haven")] == f"{prefix}/terrorist-safe-havens/"
    assert len(keys) == len(NAMES) + 1
    # Navigation, other chapters and the sister series are never fetched.
    assert not any("human-rights" in path or "state-sponsors" in path for path in site.hits)
    assert "# the catalogue" in catalog.read_text(encoding="utf-8")


def test_region_pages_are_fetched_once_for_all_their_countries(
    site: Site, catalog: Path, countries: list[Country], reference: Reference
) -> None:
    report = report_year(countries, 2013, _somalia(reference))
    paths = publish_region_pages(site, report)
    found = discover_year(catalog, 2013, reference, fetch_direct, site.base_url)
    added = {p.country for p in found.probes if p.outcome is Found.ADDED}
    assert added == set(NAMES) | {"Somalia"}
    for path in paths.values():
        assert site.hits[path] == 1
    loaded = load_catalog(catalog, reference.countries)
    africa = site.base_url + paths["Africa"]
    assert {e.country for e in loaded.entries if e.source == africa} == {
        "Mali",
        "Niger",
        "Chad",
        "Kenya",
    }
    assert ("Somalia", "safe-haven") in {(e.country, e.chapter) for e in loaded.entries}
    # The region pages' dated header is the publication date of every chapter on them.
    assert {e.published for e in loaded.entries} == {"2014-04-30"}
    assert found.pages_fetched == 1 + len(paths) + 1  # index, regions, safe havens
    assert not any(path.endswith((".pdf", "210200.htm", "210201.htm")) for path in site.hits)


def test_the_headless_era_lives_under_s_ct(
    site: Site, catalog: Path, countries: list[Country], reference: Reference
) -> None:
    publish_region_pages(site, report_year(countries[:3], 2006, []))
    found = discover_year(catalog, 2006, reference, fetch_direct, site.base_url)
    assert {p.country for p in found.probes if p.outcome is Found.ADDED} == {
        "Mali",
        "Niger",
        "Chad",
    }
    assert found.index.endswith("/s/ct/rls/crt/2006/index.htm")


def test_a_page_holding_another_countrys_chapter_or_missing_is_reported_alone(
    site: Site, catalog: Path, countries: list[Country], reference: Reference
) -> None:
    report = report_year(countries, 2019, [])
    publish_country_pages(site, report)
    prefix = "/reports/country-reports-on-terrorism-2019"
    site.pages[f"{prefix}/chad/"] = site.pages[f"{prefix}/niger/"]  # the wrong chapter
    del site.pages[f"{prefix}/kenya/"]
    found = discover_year(catalog, 2019, reference, fetch_direct, site.base_url)
    outcome = {p.country: p for p in found.probes}
    assert outcome["Chad"].outcome is Found.REJECTED
    assert "Niger" in outcome["Chad"].detail
    assert outcome["Kenya"].outcome is Found.ABSENT
    assert "404" in outcome["Kenya"].detail
    catalogued = {e.country for e in load_catalog(catalog, reference.countries).entries}
    assert catalogued == set(NAMES) - {"Chad", "Kenya"}


def test_discovering_again_changes_nothing(
    site: Site, catalog: Path, countries: list[Country], reference: Reference
) -> None:
    publish_region_pages(site, report_year(countries, 2013, []))
    discover_year(catalog, 2013, reference, fetch_direct, site.base_url)
    before = catalog.read_bytes()
    again = discover_year(catalog, 2013, reference, fetch_direct, site.base_url)
    assert all(p.detail.endswith("(unchanged)") for p in again.probes)
    assert catalog.read_bytes() == before


def test_an_unreachable_or_empty_table_of_contents_is_one_error(
    site: Site, catalog: Path, reference: Reference
) -> None:
    with pytest.raises(FetchError, match="404"):
        discover_year(catalog, 2019, reference, fetch_direct, site.base_url)
    site.pages["/j/ct/rls/crt/2013/index.htm"] = b"<html><body><p>Moved.</p></body></html>"
    with pytest.raises(NoChapterError, match="links no chapter of report 2013"):
        discover_year(catalog, 2013, reference, fetch_direct, site.base_url)


def test_official_state_gov_links_on_a_mirror_point_at_the_mirror(
    site: Site, catalog: Path, countries: list[Country], reference: Reference
) -> None:
    """A saved copy of state.gov's index links https://www.state.gov/...: the copy is served."""
    report = report_year(countries[:2], 2019, [])
    publish_country_pages(site, report)
    path = "/reports/country-reports-on-terrorism-2019/"
    site.pages[path] = site.pages[path].replace(site.base_url.encode(), b"https://www.state.gov")
    found = discover_year(catalog, 2019, reference, fetch_direct, site.base_url)
    assert [p.outcome for p in found.probes] == [Found.ADDED, Found.ADDED]
