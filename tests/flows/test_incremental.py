"""Incremental runs, asserted by counting executions: a re-run recomputes nothing, a new year
recomputes only what it affects, a parser change recomputes everything it touches."""

import shutil
from pathlib import Path

import pytest

from crtdiff.flows.pipeline import crtdiff_run
from crtdiff.flows.runtime import quiet_flow_settings
from crtdiff.paths import DATA_DIR
from crtdiff.pipeline.keys import Keys
from crtdiff.pipeline.manifest import load_manifest
from crtdiff.pipeline.outcome import RunReport, Work
from crtdiff.pipeline.settle import ARCHIVE_PAGES
from tests.conftest import SEED

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("prefect")]


def catalog_with(tmp_path: Path, years: dict[int, Path]) -> Path:
    data = tmp_path / "data"
    lines = []
    for year, source in years.items():
        target = data / "raw" / "mali" / f"{year}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
        lines.append(
            f'[[report]]\ncountry = "Mali"\nyear = {year}\nsource = "raw/mali/{year}.txt"\n'
        )
    catalog = data / "sources.toml"
    catalog.write_text("\n".join(lines), encoding="utf-8")
    return catalog


def run(catalog: Path, tmp_path: Path, countries: list[str] | None = None) -> RunReport:
    with quiet_flow_settings():
        return crtdiff_run(
            str(catalog), str(tmp_path / "out"), str(tmp_path / "store"), countries, publish=False
        )


def test_rerun_add_year_and_parser_change(
    prefect_server: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    samples = DATA_DIR / "samples" / "mali"
    catalog = catalog_with(
        tmp_path, {2015: samples / "2015.txt", 2016: SEED, 2017: samples / "2017.txt"}
    )
    first = run(catalog, tmp_path)
    assert first.work == Work(3, 0, 2, 0, 1, 0, 1)
    out = tmp_path / "out"
    year_page = out / "years" / "2015.html"
    archive = [out / p for p in ARCHIVE_PAGES] + [out / "groups" / "katiba-macina.html", year_page]
    stamps = {p: p.stat().st_mtime_ns for p in archive}

    again = run(catalog, tmp_path)
    assert again.work == Work(0, 3, 0, 2, 0, 1, 0)
    assert {p: p.stat().st_mtime_ns for p in archive} == stamps  # nothing rebuilt

    (out / "groups" / "index.html").unlink()  # a missing cross-country page is written again
    assert run(catalog, tmp_path).work.index_rendered == 1
    assert (out / "groups" / "index.html").is_file()
    # Rebuilt with the index, but a page whose inputs did not change keeps its file.
    assert year_page.stat().st_mtime_ns == stamps[year_page]

    (tmp_path / "out" / "mali" / "2016.json").unlink()
    healed = run(catalog, tmp_path)
    assert (tmp_path / "out" / "mali" / "2016.json").is_file()
    assert healed.work.ingested == 0

    # A stored report damaged on disk (a power cut, a bad sector) is parsed again, not lost.
    key = load_manifest(tmp_path / "out").reports["Mali:2016"]["report_key"]
    stored = tmp_path / "store" / "reports" / f"{key}.json"
    stored.write_bytes(stored.read_bytes()[:100])
    (tmp_path / "out" / "mali" / "2016.json").unlink()
    repaired = run(catalog, tmp_path)
    assert repaired.work.ingested == 1
    assert all(e.status.value == "ok" for e in repaired.entries)
    assert (tmp_path / "out" / "mali" / "2016.json").is_file()

    text = SEED.read_text(encoding="utf-8").replace("2016", "2018")
    (tmp_path / "mali-2018.txt").write_text(text, encoding="utf-8")
    catalog = catalog_with(
        tmp_path,
        {
            2015: samples / "2015.txt",
            2016: SEED,
            2017: samples / "2017.txt",
            2018: tmp_path / "mali-2018.txt",
        },
    )
    # Damaged too: the 2017 report, needed only as the old year of the new 2017-2018 pair.
    key = load_manifest(tmp_path / "out").reports["Mali:2017"]["report_key"]
    stored = tmp_path / "store" / "reports" / f"{key}.json"
    stored.write_bytes(b"")
    added = run(catalog, tmp_path, countries=["Mali"])
    assert all(c.status.value == "ok" for c in added.comparisons)
    assert added.work == Work(1, 3, 1, 2, 1, 0, 1)
    assert (tmp_path / "out" / "mali" / "2017-2018.html").is_file()
    assert (out / "years" / "2018.html").is_file()
    assert "2018" in (out / "incidents.html").read_text(encoding="utf-8")

    original = Keys.for_reference

    def changed_parser(folder: Path) -> Keys:
        keys = original(folder)
        return Keys(ingest=keys.ingest + "-edited", compare=keys.compare, render=keys.render)

    monkeypatch.setattr(Keys, "for_reference", staticmethod(changed_parser))
    reparsed = run(catalog, tmp_path)
    assert reparsed.work == Work(4, 0, 3, 0, 1, 0, 1)
