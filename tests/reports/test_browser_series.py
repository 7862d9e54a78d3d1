"""A site of both series as `crtdiff run` writes it, in real headless Chromium: the HRR pages
under output/hrr/ load clean, their links and anchors resolve, they pass axe-core and fit a
390 px screen, name their series everywhere (the cross-country pages too) and cite their reports
as HRR reports."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.flows.test_series_run import make_catalog
from tests.reports.conftest import _serve
from tests.reports.run_site import run_catalogue
from tests.reports.test_browser import SERIOUS, link_problems, open_page, pages_of

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("browser")]

HRR_TITLE = "Country Reports on Human Rights Practices"


@pytest.fixture(scope="module")
def series_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output folder of `crtdiff run` over the seed (CRT) and three HRR reports of Niger."""
    root = tmp_path_factory.mktemp("series-site")
    out, done = run_catalogue(make_catalog(root), root)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def series_url(series_site: Path) -> Iterator[str]:
    yield from _serve(series_site)


def test_hrr_pages_load_clean_resolve_pass_axe_and_fit_a_phone(
    chromium: Any, series_site: Path, series_url: str
) -> None:
    hrr = series_site / "hrr"
    pages = [f"hrr/{p}" for p in pages_of(hrr)]
    assert {"hrr/index.html", "hrr/niger/index.html", "hrr/niger/2020-2024.html",
            "hrr/niger/2024.html", "hrr/incidents.html", "hrr/search.html",
            "hrr/years/2024.html"} <= set(pages)  # fmt: skip
    axe = Axe()
    problems: list[str] = []
    checked: dict[str, str] = {}
    for path in pages:
        url = f"{series_url}/{path}"
        page, errors, failed = open_page(chromium, url)
        if errors or failed:
            problems.append(f"{path}: {errors} {failed}")
        problems += link_problems(page, path, url, series_url, checked)
        for violation in axe.run(page).response["violations"]:
            if violation["impact"] in SERIOUS:
                problems.append(f"{path}: {violation['id']} ({violation['impact']})")
        page.set_viewport_size({"width": 390, "height": 900})
        if (scroll := page.evaluate("document.documentElement.scrollWidth")) > 390:
            problems.append(f"{path}: {scroll}px wide on a 390 px screen")
        page.close()
    assert problems == []


def test_hrr_pages_name_their_series_and_cite_their_reports(chromium: Any, series_url: str) -> None:
    pair, _, _ = open_page(chromium, f"{series_url}/hrr/niger/2020-2024.html")
    assert HRR_TITLE in pair.locator("header.site").inner_text()
    cards = pair.locator("dl.citation").all_inner_texts()
    assert len(cards) == 2 and f"{HRR_TITLE} 2020" in cards[0] and "not to be cited" in cards[0]
    assert pair.locator("#cite").count() == 1 and pair.locator("#units").count() == 1
    assert pair.locator("a[href='2020-2024.md']").count() == 1
    chapter, _, _ = open_page(chromium, f"{series_url}/hrr/niger/2024.html")
    assert chapter.locator("#groups-named").count() == 0  # HRR reads no groups
    assert f"{HRR_TITLE} 2024" in chapter.locator("dl.citation").first.inner_text()
    country, _, _ = open_page(chromium, f"{series_url}/hrr/niger/index.html")
    assert country.locator("ul.coverage dl.citation").count() == 3
    assert country.locator("ul.heat-legend li").count() >= 3
    for archive in ("incidents.html", "years/2024.html", "search.html", "groups/index.html"):
        page, _, _ = open_page(chromium, f"{series_url}/hrr/{archive}")
        assert HRR_TITLE in page.locator("header.site").inner_text(), archive
        page.close()
    crt, _, _ = open_page(chromium, f"{series_url}/index.html")
    assert "Country Reports on Terrorism" in crt.locator("header.site").inner_text()
    crt.locator("nav.series-switch a", has_text="HRR").click()
    assert crt.url.endswith("/hrr/index.html")
    for p in (pair, chapter, country, crt):
        p.close()
