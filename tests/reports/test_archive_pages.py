"""The cross-country pages' content, from stored summaries (no browser): incidents by date,
groups with renames and mergers, year overviews; hostile text stays text."""

from itertools import pairwise

import pytest

from crtdiff.reference.bundle import Reference
from crtdiff.reports.archive import Archive
from crtdiff.reports.group_pages import group_files
from crtdiff.reports.incidents_page import render_incidents_page
from crtdiff.reports.summaries import ChapterSummary, CountrySummary, PairSummary
from crtdiff.reports.year_pages import year_file
from crtdiff.schemas import CountryReport
from crtdiff.series.compare import compare_reports
from tests.reports.explorer_data import read_scripts


@pytest.fixture(scope="module")
def archive(
    mali_2015: CountryReport,
    seed_report: CountryReport,
    mali_2017: CountryReport,
    reference: Reference,
) -> Archive:
    reports = [mali_2015, seed_report, mali_2017]
    diffs = [compare_reports(a, b, reference.gazetteer) for a, b in pairwise(reports)]
    summary = CountrySummary.of(
        [ChapterSummary.of(r) for r in reports], [PairSummary.of(d) for d in diffs]
    )
    return Archive.of([summary])


def test_incidents_by_date_with_what_is_new(archive: Archive) -> None:
    dates = [i.incident.date for i in archive.incidents]
    # 7 + 7 + 5: the 2015 key lists two incidents in one bullet (June 10 and June 28)
    assert dates == sorted(dates) and len(dates) == 19
    assert {i.new for i in archive.incidents if i.chapter.year == 2015} == {None}
    referenced = [i for i in archive.incidents if i.chapter.year == 2017 and i.new is False]
    assert referenced == []  # 2017's reference to the 2016 Gao kidnapping is not an incident


def test_groups_carry_renames_mergers_and_former_names(archive: Archive) -> None:
    groups = group_files(archive)
    old = groups["macina-liberation-front"]
    cells = old.rows["Mali"]
    assert list(cells) == [2015, 2016, 2017] and old.named == 3
    assert ["only as a former name" in cells[y] for y in cells] == [False, False, True]
    assert (old.first.year, old.last.year, old.last.former) == (2015, 2017, True)
    new = groups["katiba-macina"]
    assert new.first.year == 2017
    texts = [e.text for e in new.events]
    assert "Macina Liberation Front is named Katiba Macina from 2017 (a rename)" in texts
    assert any("merged into Jama'at Nusrat al-Islam wal-Muslimin" in t for t in texts)
    assert new.events[0].href and new.events[0].href.startswith("../mali/2017.html#s")
    jnim = groups["jnim"]
    assert jnim.incidents == len(jnim.listed)
    assert jnim.listed and all("jnim" in i.incident.perpetrators for i in jnim.listed)
    assert [i.incident.date for i in jnim.listed] == sorted(i.incident.date for i in jnim.listed)


def test_year_overview_of_2017(archive: Archive) -> None:
    page = year_file(archive, 2017)
    new = {n.group.id: n for n in page.new_groups}
    assert {"isis-gs", "katiba-macina", "jnim", "al-qaida"} <= set(new)
    assert "al-murabitoun" not in new
    assert new["katiba-macina"].formerly == "Macina Liberation Front"
    assert (page.deadliest[0].incident.place, page.deadliest[0].incident.killed) == ("Gao", 77)
    assert [p.new_year for _, p in page.changed] == [2017]
    changes = [m.change for m in page.measures if m.change]
    assert changes and changes[0].new_status == "adopted"
    assert year_file(archive, 2015).first_on_file


def test_explorer_keeps_hostile_text_as_text(seed_report: CountryReport) -> None:
    hostile = "</script><script>alert(1)</script><b>x</b><!--"
    incident = seed_report.incidents[0].model_copy(update={"place": hostile})
    report = seed_report.model_copy(update={"incidents": [incident]})
    archive = Archive.of([CountrySummary.of([ChapterSummary.of(report)], [])])
    page, scripts = render_incidents_page(archive)
    assert "alert" not in page
    records = read_scripts(scripts)[1]  # which holds that no script has "<" or ">"
    assert records[0]["place"] == hostile
    assert records[0]["perpetrators"] == [["aqim", "al-Qa'ida in the Islamic Maghreb"]]
