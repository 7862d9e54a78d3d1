"""The generated site in real headless Chromium: loads clean, links resolve, facts visible."""

from typing import Any
from urllib.parse import urljoin, urlparse

import pytest

from crtdiff.paths import DEFAULT_OUTPUT
from schemas import CountryReport

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("browser")]

PAGES = [
    "index.html",
    "mali/index.html",
    "mali/2015-2016.html",
    "mali/2016-2017.html",
    "mali/2015.html",
    "mali/2016.html",
    "mali/2017.html",
]


def open_page(chromium: Any, url: str) -> tuple[Any, list[str], list[str]]:
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    errors: list[str] = []
    failed: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(url, wait_until="load")
    return page, errors, failed


@pytest.mark.parametrize("path", PAGES)
def test_pages_load_without_errors_and_links_resolve(
    chromium: Any, site_url: str, path: str
) -> None:
    page, errors, failed = open_page(chromium, f"{site_url}/{path}")
    assert errors == [] and failed == [], (errors, failed)
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs
    for href in set(hrefs):
        target = urljoin(f"{site_url}/{path}", href)
        assert urlparse(target).netloc == urlparse(site_url).netloc, f"external link {href}"
        response = page.request.get(target.split("#")[0])
        assert response.status == 200, f"{path}: broken link {href}"
        anchor = urlparse(target).fragment
        if anchor:
            body = response.text()
            assert f'id="{anchor}"' in body, f"{path}: missing anchor {href}"
    page.close()


def test_pair_page_shows_headline_and_incident_table(chromium: Any, site_url: str) -> None:
    page, _, _ = open_page(chromium, f"{site_url}/mali/2016-2017.html")
    headline = page.locator("ul.headline")
    assert headline.is_visible()
    assert "Katiba Macina" in headline.inner_text()
    table = page.locator("table#new-incidents")
    assert table.is_visible()
    assert table.locator("tbody tr").count() >= 4
    assert "Illustrative text" in page.locator(".banner").inner_text()
    DEFAULT_OUTPUT.joinpath("screenshots").mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=str(DEFAULT_OUTPUT / "screenshots" / "pair-mali-2016-2017.png"), full_page=True
    )
    page.close()


def test_evidence_link_highlights_its_sentence(
    chromium: Any, site_url: str, seed_report: CountryReport
) -> None:
    page, _, _ = open_page(chromium, f"{site_url}/mali/2016-2017.html")
    link = page.locator("table#new-incidents a").first
    link.click()
    page.wait_for_load_state("load")
    assert page.url.split("/")[-1].startswith("2017.html#s")
    target = page.locator(".sentence:target")
    assert target.count() == 1
    background = target.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    page.close()


def test_index_filter_works_without_a_server_side(chromium: Any, site_url: str) -> None:
    page, errors, failed = open_page(chromium, f"{site_url}/index.html")
    rows = page.locator("#matrix tbody tr")
    assert rows.count() == 1 and rows.first.is_visible()
    page.fill("#country-filter", "nigeria")
    assert rows.first.is_hidden()
    page.fill("#country-filter", "mal")
    assert rows.first.is_visible()
    assert errors == [] and failed == [], (errors, failed)
    page.screenshot(path=str(DEFAULT_OUTPUT / "screenshots" / "index.png"))
    page.close()


def test_country_page_has_charts(chromium: Any, site_url: str) -> None:
    page, _, _ = open_page(chromium, f"{site_url}/mali/index.html")
    assert page.locator("svg[aria-label='Incidents and minimum killed per year'] rect").count() == 3
    assert page.locator("svg[aria-label='Groups named per year'] circle").count() >= 10
    assert page.locator("table.heatmap tbody tr").count() == 6
    page.close()
