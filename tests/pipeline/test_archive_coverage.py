"""The coverage of a whole catalogue: this run's outcomes, else the last run's rows."""

import copy
from pathlib import Path
from typing import Any

import orjson

from crtdiff.catalog.model import CatalogEntry
from crtdiff.pipeline.archive_coverage import _line_check, archive_coverage, publish_coverage
from crtdiff.pipeline.manifest import MANIFEST, Manifest, load_manifest, save_manifest
from crtdiff.pipeline.outcome import EntryOutcome, Status

OFFICIAL = "https://www.state.gov/reports/country-reports-on-terrorism-2018/chad/"


def test_archive_coverage_takes_this_run_then_the_last_run_and_forgets_removed_entries() -> None:
    entries = [
        CatalogEntry(country="Mali", year=2016, source="raw/mali/2016.txt"),
        CatalogEntry(country="Mali", year=2016, source="raw/haven.txt", chapter="safe-haven"),
        CatalogEntry(country="Chad", year=2015, source=OFFICIAL),
        CatalogEntry(country="Togo", year=2015, source="raw/togo.txt"),  # never run yet
        CatalogEntry(country="Niger", year=2012, source="raw/niger.txt"),
    ]
    outcomes = [
        EntryOutcome("Mali:2016", Status.OK),
        EntryOutcome("Mali:2016:safe-haven", Status.OK, illustrative=True),
    ]
    remembered: dict[str, dict[str, Any]] = {
        "Chad:2015": {"country": "Chad", "chapter": "country", "year": 2015,
                      "status": "unavailable", "reason": "HTTP 404"},
        "Niger:2012": {"country": "Niger", "status": "bogus"},  # damaged: left out
        "Gone:2010": {"country": "Gone", "chapter": "country", "year": 2010, "status": "real"},
    }  # fmt: skip
    rows = archive_coverage(entries, outcomes, remembered)
    assert sorted(rows) == ["Chad:2015", "Mali:2016", "Mali:2016:safe-haven"]
    assert (rows["Mali:2016"].status, rows["Mali:2016"].page) == ("real", "mali/2016.html")
    haven = rows["Mali:2016:safe-haven"]
    assert (haven.status, haven.page) == ("illustrative", "mali/2016-safe-haven.html")
    assert (rows["Chad:2015"].status, rows["Chad:2015"].reason) == ("unavailable", "HTTP 404")


def _publish(tmp_path: Path, manifest: Manifest, outcomes: list[EntryOutcome]) -> str:
    publish_coverage(CATALOGUE, outcomes, manifest, tmp_path, "crt", "render-key")
    return (tmp_path / "coverage.html").read_text() + (tmp_path / "data/coverage.csv").read_text()


CATALOGUE = [
    CatalogEntry(country="Mali", year=2016, source="raw/mali/2016.txt"),
    CatalogEntry(country="Mali", year=2017, source="raw/mali/2017.txt"),
    CatalogEntry(country="Chad", year=2015, source=OFFICIAL),
    CatalogEntry(country="Niger", year=2018, source="raw/niger/2018.txt"),
]
EVERY_OUTCOME = [
    EntryOutcome("Mali:2016", Status.OK),
    EntryOutcome("Mali:2017", Status.UNAVAILABLE, reason="HTTP 404"),
    EntryOutcome("Chad:2015", Status.OK, illustrative=True),
    EntryOutcome("Niger:2018", Status.OK),
]


def test_a_run_of_one_country_takes_the_others_lines_and_shows_what_a_full_run_shows(
    tmp_path: Path,
) -> None:
    manifest = Manifest()
    whole = _publish(tmp_path / "all", manifest, EVERY_OUTCOME)
    assert sorted(manifest.coverage_lines) == ["Chad", "Mali", "Niger"]
    # Niger's line is the remembered one: spoiling the row it was made from is noticed
    # (the line is made again from the row), spoiling only its text too.
    niger = manifest.coverage_lines["Niger"]
    manifest.coverage_lines["Chad"][3] = "<tr>spoilt</tr>"
    mali_only = [o for o in EVERY_OUTCOME if o.key.startswith("Mali")]
    again = _publish(tmp_path / "mali", manifest, mali_only)
    assert again == whole and "spoilt" not in again
    assert manifest.coverage_lines["Niger"] is niger  # taken as it was, not made again


def test_a_changed_remembered_row_or_a_new_year_makes_the_lines_again(tmp_path: Path) -> None:
    manifest = Manifest()
    _publish(tmp_path / "a", manifest, EVERY_OUTCOME)
    manifest.coverage["Niger:2018"] = {**manifest.coverage["Niger:2018"], "status": "rejected"}
    changed = _publish(tmp_path / "b", manifest, [])
    assert '"Niger","country",2018,"rejected"' in changed
    assert changed.count("cov-rejected") == 2  # the legend's and Niger's mark
    later = [*EVERY_OUTCOME, EntryOutcome("Mali:2020", Status.OK)]
    entries = [*CATALOGUE, CatalogEntry(country="Mali", year=2020, source="raw/mali/2020.txt")]
    publish_coverage(entries, later, manifest, tmp_path / "c", "crt", "render-key")
    grown = (tmp_path / "c/coverage.html").read_text()
    # Every country's line has a cell for each year to 2020, Chad's and Niger's made again.
    assert grown.count('<td class="num">') == 3 * (2020 - 2015 + 1)


def test_a_manifest_without_lines_or_with_damaged_ones_gives_the_same_page(
    tmp_path: Path,
) -> None:
    manifest = Manifest()
    whole = _publish(tmp_path / "all", manifest, EVERY_OUTCOME)
    (tmp_path / "old").mkdir()
    save_manifest(tmp_path / "old", manifest)
    old = orjson.loads((tmp_path / "old" / MANIFEST).read_bytes())
    del old["coverage_lines"]  # as written before the lines were remembered
    (tmp_path / "old" / MANIFEST).write_bytes(orjson.dumps(old))
    assert _publish(tmp_path / "1", load_manifest(tmp_path / "old"), []) == whole
    old["coverage_lines"] = {"Mali": "not a list", "Chad": [1, 2]}
    (tmp_path / "old" / MANIFEST).write_bytes(orjson.dumps(old))
    loaded = load_manifest(tmp_path / "old")
    assert loaded.reports == manifest.reports and loaded.coverage_lines == {}
    assert _publish(tmp_path / "2", loaded, []) == whole
    manifest.coverage_lines["Mali"] = ["check", "2015", 2018, "<tr></tr>"]  # wrong types
    assert _publish(tmp_path / "3", manifest, []) == whole


def test_a_line_made_by_other_code_is_made_again(tmp_path: Path) -> None:
    manifest = Manifest()
    whole = _publish(tmp_path / "a", manifest, EVERY_OUTCOME)
    # Chad's line as another version of the code would have made and checked it.
    rows = orjson.dumps([manifest.coverage["Chad:2015"]])
    _check, first, last, _line = manifest.coverage_lines["Chad"]
    older = "<tr>older</tr>"
    manifest.coverage_lines["Chad"] = [_line_check("old-code", rows, first, last, older), first,
                                       last, older]  # fmt: skip
    under_old_code = copy.deepcopy(manifest)
    publish_coverage(CATALOGUE, [], under_old_code, tmp_path / "b", "crt", "old-code")
    assert "older" in (tmp_path / "b/coverage.html").read_text()
    assert _publish(tmp_path / "c", manifest, []) == whole
