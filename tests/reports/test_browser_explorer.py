"""The incidents explorer in real Chromium with its rows split into several scripts: the first
rows drawn before the others load, the counts and Download CSV saying so until every row is
loaded, then covering them all; the CSV holds each row as incident_record makes it; a script
that cannot be loaded is named, never hides the rows that were."""

import csv
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest
from axe_playwright_python.sync_playwright import Axe

from crtdiff.reports.archive import Archive
from crtdiff.reports.explorer_files import Split
from crtdiff.reports.incidents_page import (
    incident_record,
    render_incidents_page,
    write_incidents_page,
)
from crtdiff.reports.site import write_assets
from crtdiff.reports.summaries import ChapterSummary, CountrySummary
from crtdiff.schemas import CountryReport
from tests.reports.conftest import _serve
from tests.reports.explorer_data import as_json, csv_row, haystack
from tests.reports.test_browser import SERIOUS, open_page

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("browser")]

SPLIT = Split(5, 3)
HOSTILE = '=HYPERLINK("x"), <b>Gao</b>'


@pytest.fixture(scope="module")
def archive(
    mali_2015: CountryReport, seed_report: CountryReport, mali_2017: CountryReport
) -> Archive:
    """Mali's three chapters, and a Niger copy of the seed naming AQIM otherwise, one of its
    places text a spreadsheet would take for a formula."""
    mali = CountrySummary.of(
        [ChapterSummary.of(r) for r in (mali_2015, seed_report, mali_2017)], []
    )
    chapter = ChapterSummary.of(seed_report)
    groups = [
        msgspec.structs.replace(g, name="AQIM, renamed") if g.id == "aqim" else g
        for g in chapter.groups
    ]
    incidents = [msgspec.structs.replace(chapter.incident_list[0], place=HOSTILE)]
    incidents += chapter.incident_list[1:]
    niger = msgspec.structs.replace(
        chapter, country="Niger", groups=groups, incident_list=incidents
    )
    return Archive.of([mali, CountrySummary.of([niger], [])])


@pytest.fixture(scope="module")
def records(archive: Archive) -> list[dict[str, Any]]:
    """Every row the explorer must hold, in its order."""
    return [as_json(incident_record(i, archive.group_names)) for i in archive.incidents]


@pytest.fixture(scope="module")
def explorer(tmp_path_factory: pytest.TempPathFactory, archive: Archive) -> Path:
    """The explorer page, its scripts (rows split as SPLIT) and the site's assets."""
    out = tmp_path_factory.mktemp("explorer")
    write_assets(out)
    write_incidents_page(out, archive, split=SPLIT)
    return out


@pytest.fixture(scope="module")
def explorer_url(explorer: Path) -> Iterator[str]:
    yield from _serve(explorer)


def shown(page: Any) -> int:
    return int(page.locator("#incident-count [data-shown]").inner_text())


def first_cells(page: Any) -> list[str]:
    return [
        d.split(" – ")[0]
        for d in page.locator("#incidents tbody tr td:first-child").all_inner_texts()
    ]


def loaded(page: Any) -> None:
    page.wait_for_selector("#incidents tbody tr")
    page.wait_for_selector("#incidents:not([aria-busy])")


def download(page: Any, target: Path) -> list[dict[str, str]]:
    with page.expect_download() as done:
        page.click("#csv-download")
    done.value.save_as(target)
    with target.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_first_rows_are_drawn_before_the_other_scripts_load(
    chromium: Any, explorer: Path, explorer_url: str, records: list[dict[str, Any]],
    artefacts: Path,
) -> None:  # fmt: skip
    scripts = sorted(p.name for p in (explorer / "data").glob("incidents-*.js"))
    assert len(scripts) == len(SPLIT.starts([r["date"] for r in records])) >= 3
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    state: dict[str, Any] = {"held": [], "release": False}

    def hold(route: Any) -> None:
        if state["release"]:
            route.continue_()
        else:
            state["held"].append(route)

    page.route(re.compile(r"/data/incidents-\d+\.js\?build=\w+$"), hold)
    page.goto(f"{explorer_url}/incidents.html", wait_until="domcontentloaded")
    page.wait_for_selector("#incidents tbody tr")
    # The first script's rows, the first by date, drawn while the next is held back.
    assert first_cells(page) == [r["date"] for r in records[: SPLIT.first]]
    assert shown(page) == SPLIT.first
    note = page.locator("#incident-count [data-loading]")
    assert note.is_visible() and f"{SPLIT.first} of {len(records)} loaded" in note.inner_text()
    assert page.locator("#incidents").get_attribute("aria-busy") == "true"
    assert page.locator("#csv-download").is_disabled()
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in SERIOUS] == []
    page.select_option("#f-country", "Niger")  # filters answer on the rows loaded
    assert shown(page) == sum(r["country"] == "Niger" for r in records[: SPLIT.first])
    page.select_option("#f-country", "")
    assert len(state["held"]) == 1  # one after the other

    state["release"] = True
    for route in state["held"]:
        route.continue_()
    loaded(page)
    assert shown(page) == len(records) and note.is_hidden()
    assert first_cells(page) == [r["date"] for r in records]
    assert int(page.locator("#incident-count [data-killed]").inner_text()) == sum(
        r["killed_min"] or 0 for r in records
    )
    rows = download(page, artefacts / "all.csv")
    assert rows == [csv_row(r) for r in records]
    assert any(r["place"] == "'" + HOSTILE for r in rows)  # kept as text
    page.close()


def test_filters_sort_links_and_csv_from_disk(
    chromium: Any, explorer: Path, records: list[dict[str, Any]], artefacts: Path
) -> None:
    page, errors, failed = open_page(chromium, (explorer / "incidents.html").as_uri())
    loaded(page)
    assert shown(page) == len(records)
    page.select_option("#f-country", "Mali")
    page.fill("#f-year-from", "2016")
    expected = [r for r in records if r["country"] == "Mali" and r["report_year"] >= 2016]
    assert shown(page) == len(expected) > 0
    assert download(page, artefacts / "mali.csv") == [csv_row(r) for r in expected]
    page.click("#f-reset")
    page.select_option("#f-group", "aqim")
    by_aqim = [r for r in records if "aqim" in [p[0] for p in r["perpetrators"]]]
    assert shown(page) == len(by_aqim) > 0
    assert "AQIM, renamed" in page.locator("#incidents tbody").inner_text()
    page.select_option("#f-group", "")
    page.select_option("#f-kind", "kidnapping")
    page.fill("#f-text", "gao")
    expected = [r for r in records if r["kind"] == "kidnapping" and "gao" in haystack(r)]
    assert shown(page) == len(expected) > 0
    page.click("#f-reset")
    page.click("th[data-key=killed_min] button.sort")
    page.click("th[data-key=killed_min] button.sort")  # descending
    killed = [r["killed_min"] for r in records if r["killed_min"] is not None]
    first = page.locator("#incidents tbody tr").first
    assert int(first.locator("td").nth(7).inner_text()) == max(killed)
    page.click("th[data-key=country] button.sort")
    countries = page.locator("#incidents tbody tr td:nth-child(2)").all_inner_texts()
    assert [c.split(" (in ")[0] for c in countries] == sorted(r["country"] for r in records)
    official = next(r for r in records if r["official_url"])
    row = page.locator("#incidents tbody tr", has=page.locator(f"a[href='{official['page']}']"))
    assert row.first.locator("a[rel=external]").get_attribute("href") == official["official_url"]
    sentence = row.first.locator(f"a[href='{official['page']}']")
    assert sentence.get_attribute("title") == official["evidence"]
    assert errors == [] and failed == []
    page.close()


@pytest.mark.parametrize("trouble", ["missing", "of another run"])
def test_a_script_that_cannot_load_is_named_and_the_rest_still_work(
    chromium: Any, explorer_url: str, archive: Archive, records: list[dict[str, Any]],
    artefacts: Path, trouble: str,
) -> None:  # fmt: skip
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    third = re.compile(r"/data/incidents-3\.js\?build=\w+$")
    if trouble == "missing":
        page.route(third, lambda route: route.abort())
    else:  # a cache's copy from a run before Niger was added
        older = render_incidents_page(Archive.of(archive.countries[:1]), split=SPLIT)[1][2]
        assert older != render_incidents_page(archive, split=SPLIT)[1][2]
        page.route(third, lambda route: route.fulfill(body=older, content_type="text/javascript"))
    page.goto(f"{explorer_url}/incidents.html", wait_until="domcontentloaded")
    loaded(page)
    rows = SPLIT.starts([r["date"] for r in records])[1]  # the first script's, incidents-2.js's
    assert shown(page) == rows < len(records)
    note = page.locator("#incident-count [data-loading]")
    assert note.is_visible() and "data/incidents-3.js could not be loaded" in note.inner_text()
    assert download(page, artefacts / "part.csv") == [csv_row(r) for r in records[:rows]]
    page.close()


@pytest.mark.parametrize("version", ["rows by record", "one build for every script"])
def test_data_of_the_previous_version_is_told_not_misread(
    chromium: Any, explorer: Path, tmp_path: Path, version: str
) -> None:
    # The page and assets of this version, the data script a previous one wrote (a run
    # interrupted between the two).
    shutil.copytree(explorer, tmp_path / "site")
    head = tmp_path / "site" / "data" / "incidents.js"
    if version == "rows by record":
        old = b'window.CRTDIFF_INCIDENTS = [{"date":"2016-01-07","country":"Mali"}];\n'
    else:  # the further scripts' builds not named: they held shared tables and a "start"
        names, _, rest = head.read_bytes().split(b"\n", 2)
        old = names + b'\nwindow.CRTDIFF_INCIDENT_BUILD = "0000000000000000";\n' + rest
    head.write_bytes(old)
    page, errors, _ = open_page(chromium, (tmp_path / "site" / "incidents.html").as_uri())
    note = page.locator("#incident-count [data-loading]")
    assert note.is_visible() and "another version of crtdiff" in note.inner_text()
    assert errors == []
    page.close()


# Every change inside a live region (aria-live, or a role that implies it), as a screen reader
# hears it: per task (a MutationObserver callback), the region's id and its text then, with
# whether the explorer's table was busy. Hidden regions are not announced.
RECORD_LIVE = """
window.__live = [];
document.addEventListener("DOMContentLoaded", function () {
  new MutationObserver(function (changes) {
    var regions = new Set();
    changes.forEach(function (change) {
      var node = change.target.nodeType === 1 ? change.target : change.target.parentElement;
      var region = node && node.closest("[aria-live], [role=status], [role=alert], [role=log]");
      if (region && region.getAttribute("aria-live") !== "off") { regions.add(region); }
    });
    regions.forEach(function (region) {
      if (region.hidden || region.closest("[hidden]")) { return; }
      window.__live.push({
        id: region.id, text: region.textContent.trim(),
        busy: document.getElementById("incidents").getAttribute("aria-busy") === "true"
      });
    });
  }).observe(document.body, { childList: true, subtree: true, characterData: true,
    attributes: true, attributeFilter: ["hidden"] });
});
"""


def test_screen_readers_hear_one_announcement_once_loaded_and_one_per_filter(
    chromium: Any, explorer_url: str, records: list[dict[str, Any]]
) -> None:
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    page.add_init_script(RECORD_LIVE)
    page.goto(f"{explorer_url}/incidents.html", wait_until="domcontentloaded")
    loaded(page)
    # The count is no live region (it changes with each script loaded); the table is busy until
    # every row is loaded, then one announcement says so.
    assert page.locator("#incident-count").get_attribute("aria-live") in (None, "off")
    live = page.evaluate("window.__live")
    assert len(live) == 1 and not live[0]["busy"], live
    assert live[0]["text"].startswith(f"{len(records)} of {len(records)} incidents match")
    assert "loaded" not in live[0]["text"].split("match")[1]  # no loading note in it
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in SERIOUS] == []
    # A filter is announced once, with its counts.
    page.select_option("#f-country", "Niger")
    niger = [r for r in records if r["country"] == "Niger"]
    live = page.evaluate("window.__live")[1:]
    assert [e["text"].split(" incidents")[0] for e in live] == [f"{len(niger)} of {len(records)}"]
    page.close()


def test_filtering_while_rows_load_is_announced_and_loading_is_not(
    chromium: Any, explorer_url: str, records: list[dict[str, Any]]
) -> None:
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    page.add_init_script(RECORD_LIVE)
    held: list[Any] = []
    third = re.compile(r"/data/incidents-3\.js\?build=\w+$")
    page.route(third, lambda route: held.append(route))
    page.goto(f"{explorer_url}/incidents.html", wait_until="domcontentloaded")
    while not held:  # incidents-2.js's rows added (the next is asked for after)
        page.wait_for_timeout(20)
    page.wait_for_timeout(100)
    assert page.evaluate("window.__live") == []  # two scripts' rows in, nothing said
    assert page.locator("#incidents").get_attribute("aria-busy") == "true"
    page.select_option("#f-country", "Niger")
    live = page.evaluate("window.__live")
    assert len(live) == 1 and live[0]["busy"] and live[0]["id"] == "incident-status"
    rows = int(page.locator("#incident-count [data-loaded]").inner_text())
    niger = sum(r["country"] == "Niger" for r in records[:rows])
    assert live[0]["text"].startswith(f"{niger} of {len(records)} incidents match")
    assert "Still loading the rows" in live[0]["text"]
    assert ("No incident matches" in live[0]["text"]) == (niger == 0)
    page.select_option("#f-country", "")
    for route in held:
        route.continue_()
    loaded(page)
    live = page.evaluate("window.__live")[2:]
    assert len(live) == 1 and not live[0]["busy"], live
    assert live[0]["text"].startswith(f"{len(records)} of {len(records)} incidents match")
    page.close()


COUNT_LOWER = """
window.__lower = 0;
(function (lower) {
  String.prototype.toLowerCase = function () { window.__lower += 1; return lower.call(this); };
}(String.prototype.toLowerCase));
"""


def test_the_first_text_filter_finds_its_text_made_while_the_rows_loaded(
    chromium: Any, explorer_url: str, records: list[dict[str, Any]]
) -> None:
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    page.add_init_script(COUNT_LOWER)
    page.goto(f"{explorer_url}/incidents.html", wait_until="domcontentloaded")
    loaded(page)
    page.evaluate("() => new Promise(function (done) { setTimeout(done, 700); })")  # idle work
    # Each row's text lower-cased as its script arrived (date and sentence at least), not by
    # the first text filter, which lower-cases its own text alone.
    assert page.evaluate("window.__lower") >= 2 * len(records)
    page.evaluate("window.__lower = 0")
    page.fill("#f-text", "Gao")
    assert page.evaluate("window.__lower") <= 2
    assert shown(page) == sum("gao" in haystack(r) for r in records) > 0
    page.fill("#f-text", "")
    page.close()
