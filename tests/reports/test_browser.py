"""The site `crtdiff run` writes, in real headless Chromium: every page loads clean, every link
and anchor resolves, every page passes axe-core and fits a 390 px screen; facts are visible."""

import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from crtdiff.ingest.provenance import is_official
from tests.conftest import SEED_URL

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("browser")]

SERIOUS = ("serious", "critical")
FULL_WIDTH = re.compile("[\uff00-\uffef]")


def pages_of(site: Path) -> list[str]:
    """Every HTML page of the site (Pagefind's own bundle aside)."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if "pagefind" not in p.relative_to(site).parts
    )


def open_page(chromium: Any, url: str, width: int = 1200) -> tuple[Any, list[str], list[str]]:
    page = chromium.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    failed: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(url, wait_until="load")
    return page, errors, failed


def test_the_run_writes_every_kind_of_page(run_site: Path) -> None:
    pages = set(pages_of(run_site))
    expected = {
        "index.html", "incidents.html", "search.html", "groups/index.html", "years/index.html",
        "coverage.html",
        "years/2012.html", "years/2015.html", "years/2016.html", "years/2017.html",
        "years/2019.html", "groups/katiba-macina.html", "groups/macina-liberation-front.html",
        "mali/index.html", "mali/2015-2016.html", "mali/2016-2017.html", "mali/2016.html",
        "niger/index.html", "niger/2012-2019.html", "niger/2019.html",
    }  # fmt: skip
    assert expected <= pages, expected - pages
    for bundle in ("mali/pagefind", "niger/pagefind"):
        assert (run_site / bundle / "pagefind.js").is_file(), bundle


def test_every_page_loads_clean_and_every_link_and_anchor_resolves(
    chromium: Any, run_site: Path, run_url: str
) -> None:
    checked: dict[str, str] = {}
    problems = []
    for path in pages_of(run_site):
        url = f"{run_url}/{path}"
        page, errors, failed = open_page(chromium, url)
        if errors or failed:
            problems.append(f"{path}: {errors} {failed}")
        problems += link_problems(page, path, url, run_url, checked)
        page.close()
    assert problems == []


def link_problems(
    page: Any, path: str, url: str, site_url: str, checked: dict[str, str]
) -> list[str]:
    """Every link of an open page that is broken, misses its anchor or leaves the site for
    anything but an official source (`checked`: the pages fetched so far, by address)."""
    problems = []
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    for href in set(hrefs):
        target = urljoin(url, href)
        if urlparse(target).netloc != urlparse(site_url).netloc:
            # Official sources are cited, not fetched: the only links that leave the site.
            if not is_official(target):
                problems.append(f"{path}: external link {href}")
            continue
        address = target.split("#")[0]
        if address not in checked:
            response = page.request.get(address)
            checked[address] = response.text() if response.status == 200 else ""
            if response.status != 200:
                problems.append(f"{path}: broken link {href}")
        anchor = urlparse(target).fragment
        if anchor and checked[address] and f'id="{anchor}"' not in checked[address]:
            problems.append(f"{path}: missing anchor {href}")
    return problems


def test_every_page_passes_axe_core(chromium: Any, run_site: Path, run_url: str) -> None:
    axe = Axe()
    found = []
    for path in pages_of(run_site):
        page, _, _ = open_page(chromium, f"{run_url}/{path}")
        for violation in axe.run(page).response["violations"]:
            if violation["impact"] in SERIOUS:
                targets = [n["target"] for n in violation["nodes"]][:3]
                found.append(f"{path}: {violation['id']} ({violation['impact']}) {targets}")
        page.close()
    assert found == []


def test_no_page_scrolls_sideways_on_a_390_px_screen(
    chromium: Any, run_site: Path, run_url: str
) -> None:
    wide = []
    for path in pages_of(run_site):
        page, _, _ = open_page(chromium, f"{run_url}/{path}", width=390)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > 390:
            wide.append(f"{path}: {scroll}px")
        page.close()
    assert wide == []


def test_no_full_width_glyphs_in_pages_or_markdown(run_site: Path) -> None:
    files = [*run_site.rglob("*.html"), *run_site.rglob("*.md")]
    offending = [
        f.relative_to(run_site).as_posix()
        for f in files
        if "pagefind" not in f.relative_to(run_site).parts and FULL_WIDTH.search(f.read_text())
    ]
    assert offending == []


def test_pair_page_cites_its_sources_and_links_its_markdown_and_json(
    chromium: Any, run_url: str
) -> None:
    page, _, _ = open_page(chromium, f"{run_url}/mali/2016-2017.html")
    assert "Katiba Macina" in page.locator("ul.headline").inner_text()
    assert "Illustrative text" in page.locator(".banner").first.inner_text()
    card = page.locator("dl.citation").first.inner_text()
    for field in ("Country Reports on Terrorism 2016", "United States Department of State",
                  "2017-07-26", SEED_URL, "fda4b9c4e83fbea4"):  # fmt: skip
        assert field in card
    assert page.locator(f"dl.citation a[href='{SEED_URL}']").count() == 1
    assert "@misc{crt2016-mali" in page.locator("#cite pre.cite-bibtex").first.inner_text()
    assert page.locator("#cite pre.cite-text").count() == 1  # the illustrative side: no citation
    assert page.locator("a[href='2016-2017.md']").count() == 1
    assert page.locator("a[href='2016-2017.json']").count() == 1
    dates = page.locator("table#new-incidents tbody tr td:first-child").all_inner_texts()
    assert len(dates) >= 4 and dates == sorted(dates)
    page.close()


def test_chapter_page_cites_the_chapter(chromium: Any, run_url: str) -> None:
    page, _, _ = open_page(chromium, f"{run_url}/mali/2016.html")
    text = page.locator("#cite").inner_text()
    assert "Country Reports on Terrorism 2016" in text and "@misc{crt2016-mali" in text
    assert page.locator("nav.toc a").count() >= 6
    illustrative, _, _ = open_page(chromium, f"{run_url}/mali/2017.html")
    assert illustrative.locator("#cite pre").count() == 0
    assert "not to be cited" in illustrative.locator("dl.citation").inner_text()
    niger, _, _ = open_page(chromium, f"{run_url}/niger/2019.html")
    official = "https://2017-2021.state.gov/reports/country-reports-on-terrorism-2019/niger/"
    assert niger.locator(f"dl.citation a[href='{official}']").count() == 1
    for p in (page, illustrative, niger):
        p.close()


def test_evidence_link_highlights_its_sentence(chromium: Any, run_url: str) -> None:
    page, _, _ = open_page(chromium, f"{run_url}/mali/2016-2017.html")
    page.locator("table#new-incidents a", has_text="sentence").first.click()
    page.wait_for_load_state("load")
    assert page.url.split("/")[-1].startswith("2017.html#s")
    target = page.locator(".sentence:target")
    assert target.count() == 1
    background = target.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    page.close()


def test_index_counts_illustrative_chapters_and_gaps_and_filters(
    chromium: Any, run_url: str, artefacts: Path
) -> None:
    page, errors, failed = open_page(chromium, f"{run_url}/index.html")
    banner = page.locator(".banner").inner_text()
    assert "3 of 5 chapters are illustrative" in banner
    assert "2 catalogued years could not be read" in banner and "Mali 2018" in banner
    rows = page.locator("#matrix tbody tr")
    assert rows.count() == 2
    page.fill("#country-filter", "nig")
    assert rows.nth(0).is_hidden() and rows.nth(1).is_visible()
    page.fill("#country-filter", "atlantis")
    assert page.locator("#matrix-no-match").is_visible()
    assert "No country matches" in page.locator("#matrix-no-match").inner_text()
    page.fill("#country-filter", "")
    assert page.locator("#matrix-no-match").is_hidden()
    assert errors == [] and failed == [], (errors, failed)
    page.screenshot(path=str(artefacts / "index.png"))
    page.close()


def test_country_page_charts_legend_coverage_and_rename(chromium: Any, run_url: str) -> None:
    page, _, _ = open_page(chromium, f"{run_url}/mali/index.html")
    chart = page.locator("svg[aria-label='Incidents and minimum killed per year']")
    assert chart.locator("rect").count() == 3
    assert {"incidents", "report year"} <= set(chart.locator("text.axis-label").all_text_contents())
    coverage = page.locator("#coverage ~ ul.coverage").inner_text()
    assert "2018" in coverage and "unavailable" in coverage and "HTTP 404" in coverage
    assert "2019" in coverage and "rejected" in coverage and "file is empty" in coverage
    # Every cell's colour is one the legend shows, and no similarity is drawn in "missing" grey.
    legend = page.eval_on_selector_all(
        "ul.heat-legend .swatch",
        "els => els.map(e => [e.className.split(' ')[1], getComputedStyle(e).backgroundColor])",
    )
    colours = dict(legend)
    cells = page.eval_on_selector_all(
        "table.heatmap td.num",
        "els => els.map(e => [e.className.split(' ')[1], getComputedStyle(e).backgroundColor,"
        " e.textContent])",
    )
    assert cells
    for css, colour, value in cells:
        assert colours[css] == colour or css == "heat-none", (css, colour)
        assert (css == "heat-none") == (value == "n/a")
    assert len(set(colours.values())) == len(colours)
    # The rename: Macina Liberation Front's 2017 dot is hollow (a former name), Katiba Macina's full.
    former = page.locator("svg circle", has_text="Macina Liberation Front named in 2017")
    assert former.get_attribute("fill") == "#ffffff"
    assert "renamed Katiba Macina in 2017" in page.locator("#group-years").inner_text()
    page.close()


def test_coverage_page_shows_every_catalogued_year_and_filters(
    chromium: Any, run_url: str, artefacts: Path
) -> None:
    page, errors, failed = open_page(chromium, f"{run_url}/coverage.html")
    rows = page.locator("#coverage-grid tbody tr")
    assert rows.count() == 2
    mali = rows.nth(0).inner_text()
    # Screen readers get the year and the status in words; sighted readers the mark and title.
    assert "2018 unavailable" in mali and "2019 rejected: " in mali and "file is empty" in mali
    real = page.locator("a.cov-real").first
    assert real.get_attribute("title") == "real text read"
    real.click()
    page.wait_for_load_state()
    assert page.url.endswith(".html") and "/mali/" in page.url
    page.go_back()
    page.fill("#coverage-filter", "nig")
    assert rows.nth(0).is_hidden() and rows.nth(1).is_visible()
    assert errors == [] and failed == [], (errors, failed)
    page.screenshot(path=str(artefacts / "coverage.png"))
    page.close()
