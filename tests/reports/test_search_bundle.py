"""A country's search bundle: built by Pagefind in the background from record pages kept in the
store (written only when a record changed, removed with their record), swapped in once complete."""

import json
from pathlib import Path

import pytest
from markupsafe import escape

from crtdiff.errors import CrtdiffError
from crtdiff.reports.search import SearchRecord, chapter_record
from crtdiff.reports.search_bundle import _record_page, start_bundle, sync_record_pages
from crtdiff.schemas import CountryReport
from crtdiff.store.removal import removals_finished


def write_bundle(folder: Path, records: list[SearchRecord], pages: Path) -> None:
    """A bundle built and waited for, as a country's task does around its other pages (and
    the old one's removal, as the run does at its end)."""
    with removals_finished():
        start_bundle(folder, records, pages).finish()


def _record(year: int, text: str) -> SearchRecord:
    return SearchRecord(
        url=f"/mali/{year}.html", title=f"Mali {year}", kind="chapter", content=text
    )


def test_record_pages_are_written_only_when_changed_and_removed_with_their_record(
    tmp_path: Path,
) -> None:
    pages = tmp_path / "pages"
    sync_record_pages(pages, [_record(2015, "AQIM attacked."), _record(2016, "JNIM formed.")])
    kept, changed = pages / "mali" / "2015.html", pages / "mali" / "2016.html"
    before = kept.stat().st_ino, kept.stat().st_mtime_ns
    (pages / "mali" / "stray.html").write_text("left by nobody", encoding="utf-8")

    sync_record_pages(pages, [_record(2015, "AQIM attacked."), _record(2017, "ISIS-Sahel.")])

    assert (kept.stat().st_ino, kept.stat().st_mtime_ns) == before
    assert not changed.exists() and not (pages / "mali" / "stray.html").exists()
    assert "ISIS-Sahel." in (pages / "mali" / "2017.html").read_text(encoding="utf-8")


def _record_page_as_defined(record: SearchRecord) -> str:
    """A record's page as first written, with markupsafe's escape (the definition)."""
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in record.content.split("\n") if p.strip())
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{escape(record.title)}</title></head>'
        f'<body><main data-pagefind-body><span data-pagefind-meta="kind:{escape(record.kind)}">'
        f"</span><h1>{escape(record.title)}</h1>{paragraphs}</main></body></html>"
    )


def test_a_record_page_escapes_as_markupsafe_does(seed_report: CountryReport) -> None:
    hostile = "<script>alert(1)</script> & \"q\" 's'"
    records = [
        chapter_record(seed_report),
        SearchRecord(url="/mali/2015.html", title=hostile, kind=hostile, content=hostile * 2),
        SearchRecord(url="/mali/2016.html", title="T", kind="k", content=f"a\n \n{hostile}\n\n"),
    ]
    for record in records:
        assert _record_page(record) == _record_page_as_defined(record)
    assert len(records[0].content.split("\n")) > 10
    assert "&lt;script&gt;" in _record_page(records[1]) and "&lt;" in _record_page(records[2])


def test_a_torn_record_page_is_written_again(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    sync_record_pages(pages, [_record(2015, "AQIM attacked the camp.")])
    page = pages / "mali" / "2015.html"
    page.write_bytes(page.read_bytes()[:40])
    sync_record_pages(pages, [_record(2015, "AQIM attacked the camp.")])
    assert "AQIM attacked the camp." in page.read_text(encoding="utf-8")


def test_bundle_is_rebuilt_from_the_kept_pages(tmp_path: Path) -> None:
    folder, pages = tmp_path / "out" / "mali" / "pagefind", tmp_path / "store" / "mali"
    folder.parent.mkdir(parents=True)
    write_bundle(folder, [_record(2015, "AQIM attacked."), _record(2016, "JNIM formed.")], pages)
    write_bundle(folder, [_record(2016, "JNIM formed.")], pages)
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(index["page_count"] for index in entry["languages"].values()) == 1
    assert sorted(p.name for p in folder.parent.iterdir()) == ["pagefind"]


def test_a_failed_build_keeps_the_old_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, pages = tmp_path / "out" / "mali" / "pagefind", tmp_path / "store" / "mali"
    folder.parent.mkdir(parents=True)
    write_bundle(folder, [_record(2015, "AQIM attacked.")], pages)
    monkeypatch.setattr("crtdiff.reports.search_bundle.get_executable", lambda: None)
    with pytest.raises(CrtdiffError, match="pagefind binary is missing"):
        write_bundle(folder, [_record(2016, "JNIM formed.")], pages)
    assert (folder / "pagefind.js").is_file()
    assert sorted(p.name for p in folder.parent.iterdir()) == ["pagefind"]


def test_a_cancelled_build_keeps_the_old_bundle(tmp_path: Path) -> None:
    folder, pages = tmp_path / "out" / "mali" / "pagefind", tmp_path / "store" / "mali"
    folder.parent.mkdir(parents=True)
    write_bundle(folder, [_record(2015, "AQIM attacked.")], pages)
    before = (folder / "pagefind-entry.json").read_bytes()
    build = start_bundle(folder, [_record(2016, "JNIM formed.")], pages)
    build.cancel()
    build.cancel()  # a second time: nothing left to stop
    assert (folder / "pagefind-entry.json").read_bytes() == before
    assert sorted(p.name for p in folder.parent.iterdir()) == ["pagefind"]


def test_a_build_runs_while_the_caller_goes_on(tmp_path: Path) -> None:
    """start_bundle returns before Pagefind is done; finish() waits and swaps the bundle in."""
    folder, pages = tmp_path / "out" / "mali" / "pagefind", tmp_path / "store" / "mali"
    folder.parent.mkdir(parents=True)
    build = start_bundle(folder, [_record(2015, "AQIM attacked.")], pages)
    assert build.process.returncode is None and not folder.exists()
    build.finish()
    assert (folder / "pagefind.js").is_file()


def test_a_replaced_bundle_is_removed_in_the_background_and_leftovers_next_time(
    tmp_path: Path,
) -> None:
    """The new bundle is in place when finish() returns; the old one's files go while the
    caller goes on, and a replaced bundle a killed process left is removed by the next build."""
    folder, pages = tmp_path / "out" / "mali" / "pagefind", tmp_path / "store" / "mali"
    folder.parent.mkdir(parents=True)
    write_bundle(folder, [_record(2015, "AQIM attacked.")], pages)
    old_entry = (folder / "pagefind-entry.json").read_bytes()
    with removals_finished():
        start_bundle(folder, [_record(2016, "JNIM formed.")], pages).finish()
        assert (folder / "pagefind-entry.json").read_bytes() != old_entry
    assert sorted(p.name for p in folder.parent.iterdir()) == ["pagefind"]
    for killed in (".pagefind-old", ".pagefind-old-4242-0"):
        (folder.parent / killed / "fragment").mkdir(parents=True)
    write_bundle(folder, [_record(2017, "ISIS-Sahel.")], pages)
    assert sorted(p.name for p in folder.parent.iterdir()) == ["pagefind"]
