"""The pages across countries (incidents explorer, groups, years, search) that `crtdiff run`
writes, in real Chromium: filters and search return the rows the data tables say they should,
by mouse and by keyboard, from a local server and from disk."""

import csv
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tests.reports.test_browser import open_page

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("browser")]


@pytest.fixture(scope="module")
def incidents(run_site: Path) -> pd.DataFrame:
    """The run's own incidents table: what the explorer must agree with."""
    return pd.read_parquet(run_site / "data" / "incidents.parquet")


def shown(page: Any) -> int:
    return int(page.locator("#incident-count [data-shown]").inner_text())


def test_explorer_lists_every_incident_sorted_by_date(
    chromium: Any, run_url: str, incidents: pd.DataFrame
) -> None:
    page, errors, failed = open_page(chromium, f"{run_url}/incidents.html")
    rows = page.locator("#incidents tbody tr")
    assert rows.count() == len(incidents) == shown(page)
    dates = page.locator("#incidents tbody tr td:first-child").all_inner_texts()
    assert [d.split(" – ")[0] for d in dates] == sorted(incidents["date"])
    # Perpetrators by name, linked to their group pages.
    assert page.locator("#incidents a.group[href='groups/jnim.html']").count() >= 1
    assert "Jama'at Nusrat al-Islam wal-Muslimin" in page.locator("#incidents").inner_text()
    assert int(page.locator("#incident-count [data-killed]").inner_text()) == int(
        incidents["killed_min"].fillna(0).sum()
    )
    assert errors == [] and failed == []
    page.close()


def test_explorer_filters_match_the_data(
    chromium: Any, run_url: str, incidents: pd.DataFrame
) -> None:
    page, _, _ = open_page(chromium, f"{run_url}/incidents.html")
    page.select_option("#f-country", "Niger")
    assert shown(page) == (incidents["country"] == "Niger").sum() > 0
    page.select_option("#f-country", "")
    page.fill("#f-year-from", "2016")
    page.fill("#f-year-to", "2016")
    assert shown(page) == (incidents["year"] == 2016).sum() > 0
    page.fill("#f-year-from", "")
    page.fill("#f-year-to", "")
    page.select_option("#f-group", "jnim")
    by_jnim = incidents["perpetrators"].fillna("").str.split(";").map(lambda ids: "jnim" in ids)
    assert shown(page) == by_jnim.sum() > 0
    page.select_option("#f-group", "")
    page.select_option("#f-kind", "kidnapping")
    assert shown(page) == (incidents["kind"] == "kidnapping").sum() > 0
    page.fill("#f-text", "Gao")
    expected = (incidents["kind"] == "kidnapping") & incidents["evidence"].str.contains("Gao")
    assert shown(page) == expected.sum() > 0
    visible = page.locator("#incidents tbody tr:visible")
    assert visible.count() == expected.sum()
    page.fill("#f-text", "no such place anywhere")
    assert shown(page) == 0
    assert page.locator("#incident-empty").is_visible()
    page.click("#f-reset")
    assert shown(page) == len(incidents) and page.locator("#incident-empty").is_hidden()
    page.close()


def test_explorer_sorts_and_exports_the_current_filter_as_csv(
    chromium: Any, run_url: str, incidents: pd.DataFrame, artefacts: Path
) -> None:
    page, _, failed = open_page(chromium, f"{run_url}/incidents.html")
    page.click("th:nth-child(8) button.sort")  # killed, ascending
    page.click("th:nth-child(8) button.sort")  # descending
    assert page.locator("th:nth-child(8)").get_attribute("aria-sort") == "descending"
    first = page.locator("#incidents tbody tr").first.locator("td").nth(7).inner_text()
    assert int(first) == incidents["killed_min"].max()
    page.select_option("#f-country", "Mali")
    page.fill("#f-year-from", "2017")
    with page.expect_download() as download:
        page.click("#csv-download")
    target = artefacts / "incidents.csv"
    download.value.save_as(target)
    with target.open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    expected = incidents[(incidents["country"] == "Mali") & (incidents["year"] >= 2017)]
    assert len(records) == len(expected) > 0
    assert {r["date"] for r in records} == set(expected["date"])
    assert all(r["illustrative"] == "true" for r in records)  # 2017 is illustrative text
    gao = next(r for r in records if r["place"] == "Gao")
    assert gao["killed_min"] == "77" and "Gao" in gao["evidence"]
    assert gao["page"].startswith("mali/2017.html#s")
    assert failed == []  # the download is made in the page: no request leaves it
    page.close()


def test_explorer_is_usable_by_keyboard(
    chromium: Any, run_url: str, incidents: pd.DataFrame
) -> None:
    page, _, _ = open_page(chromium, f"{run_url}/incidents.html")
    page.focus("#f-country")
    page.keyboard.press("Tab")  # year from
    page.keyboard.type("2015")
    page.keyboard.press("Tab")  # year to
    page.keyboard.type("2015")
    assert page.evaluate("document.activeElement.id") == "f-year-to"
    assert shown(page) == (incidents["year"] == 2015).sum() > 0
    page.focus("#f-text")
    page.keyboard.type("Timbuktu")
    expected = (incidents["year"] == 2015) & incidents["evidence"].str.contains("Timbuktu")
    assert shown(page) == expected.sum() > 0
    page.focus("#f-reset")
    page.keyboard.press("Enter")
    assert shown(page) == len(incidents)
    page.focus("th:nth-child(1) button.sort")
    page.keyboard.press("Enter")
    assert page.locator("th:nth-child(1)").get_attribute("aria-sort") == "descending"
    dates = page.locator("#incidents tbody tr td:first-child").all_inner_texts()
    assert dates == sorted(dates, reverse=True)
    page.close()


def test_explorer_works_from_disk(chromium: Any, run_site: Path, incidents: pd.DataFrame) -> None:
    page, errors, failed = open_page(chromium, (run_site / "incidents.html").as_uri())
    page.select_option("#f-country", "Niger")
    assert shown(page) == (incidents["country"] == "Niger").sum()
    assert errors == [] and failed == []
    page.close()


def test_group_link_opens_the_explorer_filtered(chromium: Any, run_url: str) -> None:
    page, _, _ = open_page(chromium, f"{run_url}/groups/jnim.html")
    page.click("a[href='../incidents.html?group=jnim']")
    page.wait_for_load_state("load")
    assert page.locator("#f-group").input_value() == "jnim"
    rows = page.locator("#incidents tbody tr:visible")
    assert rows.count() == shown(page) > 0
    page.close()


def test_group_pages_show_renames_mergers_mentions_and_incidents(
    chromium: Any, run_url: str
) -> None:
    page, _, _ = open_page(chromium, f"{run_url}/groups/katiba-macina.html")
    text = page.locator("main").inner_text()
    assert "Macina Liberation Front is named Katiba Macina from 2017 (a rename)" in text
    assert "formerly known as the Macina Liberation Front" in text  # the evidence sentence
    assert "merged into Jama'at Nusrat al-Islam wal-Muslimin" in text
    assert page.locator("a.group[href='../groups/macina-liberation-front.html']").count() >= 1
    old, _, _ = open_page(chromium, f"{run_url}/groups/macina-liberation-front.html")
    cells = old.locator("table.presence tbody tr").first.locator("td").all_inner_texts()
    # 2015 and 2017 are illustrative chapters (◇); 2017 names it only as the former name.
    assert cells == ["named ◇", "named", "former name ◇"]
    assert "First named in 2015 (Mali)" in old.locator("main").inner_text()
    index, _, _ = open_page(chromium, f"{run_url}/groups/index.html")
    index.fill("#group-filter", "jnim")
    assert index.locator("#group-list tbody tr:visible").count() == 1
    index.fill("#group-filter", "zzz")
    assert index.locator("#group-list-no-match").is_visible()
    for p in (page, old, index):
        p.close()


def test_year_overview(chromium: Any, run_url: str) -> None:
    page, _, _ = open_page(chromium, f"{run_url}/years/2017.html")
    new_groups = page.locator("#new-groups + ul, #new-groups ~ ul").first.inner_text()
    assert "ISIS in the Greater Sahara" in new_groups
    assert "Katiba Macina" in new_groups and "formerly Macina Liberation Front" in new_groups
    assert "al-Murabitoun" not in new_groups  # named in 2015 already
    deadliest = page.locator("#deadliest ~ .table-scroll table").first
    first = deadliest.locator("tbody tr").first.locator("td").all_inner_texts()
    assert first[2] == "Gao" and first[5] == "77"
    assert "Mali, 2016 → 2017" in page.locator("#changed ~ ol").first.inner_text()
    measures = page.locator("#new-measures ~ ul").first.inner_text()
    assert "drafted → adopted" in measures
    first_year, _, _ = open_page(chromium, f"{run_url}/years/2012.html")
    assert "first report year on file" in first_year.locator("main").inner_text()
    for p in (page, first_year):
        p.close()


def test_search_finds_chapters_from_the_header_box_by_keyboard(chromium: Any, run_url: str) -> None:
    page, errors, failed = open_page(chromium, f"{run_url}/groups/index.html")
    page.focus("#site-search-box")
    page.keyboard.type("Tessalit")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=Tessalit")
    results = page.locator("#search-results > li")
    results.first.wait_for()
    links = page.locator("#search-results a").evaluate_all("els => els.map(e => e.href)")
    assert any(link.endswith("/mali/2016.html") for link in links)
    assert "match" in page.locator("#search-status").inner_text()
    assert page.locator("#search-results mark").first.inner_text().lower().startswith("tessalit")
    page.locator("#search-results a").first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "search.html" not in page.url
    assert errors == [] and failed == []
    page.close()


def test_search_reaches_every_country_and_says_when_nothing_matches(
    chromium: Any, run_url: str
) -> None:
    page, _, _ = open_page(chromium, f"{run_url}/search.html?q=Inates")
    page.locator("#search-results > li").first.wait_for()
    links = page.locator("#search-results a").evaluate_all("els => els.map(e => e.href)")
    assert any("/niger/" in link for link in links)
    page.fill("#search-query", "xylophonequartz")
    page.press("#search-query", "Enter")
    page.wait_for_function(
        "document.getElementById('search-status').textContent.includes('No page')"
    )
    assert page.locator("#search-results > li").count() == 0
    page.close()


def test_search_page_from_disk_says_how_to_serve_it(chromium: Any, run_site: Path) -> None:
    page, errors, _ = open_page(chromium, (run_site / "search.html").as_uri() + "?q=Gao")
    assert page.locator("#search-file-note").is_visible()
    assert "http.server" in page.locator("#search-file-note").inner_text()
    assert errors == []
    page.close()
