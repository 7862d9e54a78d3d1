"""A chapter's and a comparison's timeline parts (summary, search record, table rows) are stored
with its report or diff but made by the pages' code: read back only when made by this code."""

import shutil
from pathlib import Path

import pytest

from crtdiff.paths import DATA_DIR
from crtdiff.pipeline.keys import Keys
from crtdiff.pipeline.plain_runner import run_plain
from crtdiff.reports.search import SearchRecord, chapter_record
from crtdiff.schemas import CountryReport
from tests.conftest import SEED


def _catalogue(data: Path) -> Path:
    (data / "mali").mkdir(parents=True)
    shutil.copy(DATA_DIR / "samples" / "mali" / "2015.txt", data / "mali" / "2015.txt")
    shutil.copy(SEED, data / "mali" / "2016.txt")
    catalog = data / "sources.toml"
    catalog.write_text(
        "".join(
            f'[[report]]\ncountry = "Mali"\nyear = {year}\nsource = "mali/{year}.txt"\n'
            for year in (2015, 2016)
        ),
        encoding="utf-8",
    )
    return catalog


def _search_texts(store: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in (store / "search-pages").rglob("*.html"))


def test_parts_made_by_other_page_code_are_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog, out, store = _catalogue(tmp_path / "data"), tmp_path / "out", tmp_path / "store"
    first = run_plain(catalog, out, store)
    assert first.exit_code == 0, first.failure or first.bug
    assert "EDITED" not in _search_texts(store)

    # The page code changes what a chapter's search record says (and so the render digest);
    # the reports and their keys stay as they were.
    original_keys = Keys.for_reference

    def edited_record(report: CountryReport) -> SearchRecord:
        record = chapter_record(report)
        return record.model_copy(update={"content": record.content + " EDITED"})

    def edited_pages(folder: Path) -> Keys:
        keys = original_keys(folder)
        return Keys(ingest=keys.ingest, compare=keys.compare, render=keys.render + "-edited")

    monkeypatch.setattr("crtdiff.pipeline.timeline_parts.chapter_record", edited_record)
    monkeypatch.setattr(Keys, "for_reference", staticmethod(edited_pages))
    again = run_plain(catalog, out, store)
    assert again.work.ingested == 0, "the reports were read back, not parsed again"
    assert _search_texts(store).count("EDITED") == 2, "both chapters' records made again"
