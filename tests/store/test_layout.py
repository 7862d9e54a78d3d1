"""A store written by earlier versions (`<kind>/<key[:2]>/<key>.json`, timeline parts apart in
`chapters/` and `pairs/`) is set aside and its results made again, giving the same pages."""

from pathlib import Path

import pytest

from crtdiff.pipeline.plain_runner import run_plain
from crtdiff.store.layout import BUCKETED, LAYOUT_CHANGED, MARK, settle_layout
from crtdiff.store.removal import removals_finished
from crtdiff.store.results import ResultStore, seal
from tests.pipeline.test_run import catalogue

ATTACHED_KIND = {"reports": "chapters", "diffs": "pairs"}
"""Where earlier versions kept the timeline parts now attached to a report or a diff."""


def _sections(stored: bytes) -> list[bytes]:
    """The sealed sections of a file holding a result and the one attached (sealed_pair)."""
    head, rest = stored.split(b"\n", 1)
    first = int(head.split(b" ")[1])
    return [rest[:first], rest[first:]]


def as_earlier_layout(store: Path) -> None:
    """Rewrite a store as earlier versions wrote the same results: each in a `<key[:2]>/`
    bucket, a report's or a diff's timeline parts in a file of their own (sealed alike)."""
    (store / MARK).unlink()
    for kind in ("reports", "diffs", "pages", "summaries"):
        for path in sorted((store / kind).iterdir()):
            bucket = store / kind / path.name[:2]
            bucket.mkdir(exist_ok=True)
            data = path.read_bytes()
            if kind in ATTACHED_KIND and not data.startswith(b"crtdiff-result "):
                data, parts = _sections(data)
                (store / ATTACHED_KIND[kind] / path.name[:2]).mkdir(parents=True, exist_ok=True)
                (store / ATTACHED_KIND[kind] / path.name[:2] / path.name).write_bytes(parts)
            (bucket / path.name).write_bytes(data)
            path.unlink()


def _outputs(out: Path) -> dict[str, bytes]:
    skipped = ("run-report.json", ".crtdiff-manifest.json", ".crtdiff-clean-end")
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name not in skipped and "pagefind" not in p.parts
    }


def test_a_store_of_the_earlier_layout_is_made_again_with_the_same_pages(tmp_path: Path) -> None:
    path = catalogue(tmp_path / "data")
    out, store = tmp_path / "out", tmp_path / "store"
    first = run_plain(path, out, store)
    assert first.exit_code == 0, first.failure or first.bug
    pages = _outputs(out)
    as_earlier_layout(store)
    old_report = next((store / "reports").rglob("*.json"))
    assert old_report.parent.name == old_report.name[:2]
    assert any((store / "chapters").rglob("*.json")) and any((store / "pairs").rglob("*.json"))

    lines: list[tuple[int, str]] = []
    again = run_plain(path, out, store, log=lines.extend)
    assert again.exit_code == 0, again.failure or again.bug
    assert any(LAYOUT_CHANGED in message for _, message in lines)
    # Nothing of the old store is trusted: every chapter parsed and compared again.
    assert (again.work.ingested, again.work.compared) == (4, 2)
    assert _outputs(out) == pages
    assert (store / MARK).is_file()
    assert not (store / "chapters").exists() and not (store / "pairs").exists()
    assert [p for p in store.rglob("*") if p.is_dir() and len(p.name) == 2] == []
    assert not list(store.glob(".retired-*"))  # removed before the run returned

    lines.clear()
    third = run_plain(path, out, store, log=lines.extend)
    assert (third.work.ingested, third.work.ingest_cached) == (0, 4)
    assert not any(LAYOUT_CHANGED in message for _, message in lines)


def test_a_new_store_is_marked_flat_without_a_lock(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert settle_layout(store) == []
    assert sorted(p.name for p in store.iterdir()) == [MARK]
    assert settle_layout(store) == []  # already flat: one check of the mark


@pytest.mark.parametrize("kinds", [BUCKETED, ("summaries",)])
def test_older_kind_folders_are_set_aside_and_removed(tmp_path: Path, kinds: tuple[str]) -> None:
    store = tmp_path / "store"
    for kind in kinds:
        (store / kind / "ab").mkdir(parents=True)
        (store / kind / "ab" / "ab12.json").write_bytes(seal(b'{"x":1}'))
    (store / "search-pages" / "mali").mkdir(parents=True)  # kept: named by page, not key
    with removals_finished():
        assert settle_layout(store) == list(kinds)
    assert not any((store / kind).exists() for kind in kinds)
    assert (store / "search-pages" / "mali").is_dir() and (store / MARK).is_file()
    assert ResultStore(store).load_json("summaries", "ab12") is None  # missing, never a crash
    assert not list(store.glob(".retired-*"))


@pytest.mark.parametrize("marked", [True, False], ids=["after", "midway"])
def test_folders_a_killed_run_left_set_aside_are_removed_by_the_next(
    tmp_path: Path, marked: bool
) -> None:
    """Killed after setting the old folders aside, or midway (some set aside, no mark yet)."""
    store = tmp_path / "store"
    (store / "diffs" / "ab").mkdir(parents=True)
    if marked:
        settle_layout(store)
    left = store / ".retired-reports-999-1"
    (left / "ab").mkdir(parents=True)
    (left / "ab" / "ab12.json").write_bytes(b"{}")
    with removals_finished():
        assert settle_layout(store) == ([] if marked else ["diffs"])
    assert sorted(p.name for p in store.iterdir() if not p.name.endswith(".lock")) == [MARK]


def test_search_pages_of_the_earlier_store_are_kept(tmp_path: Path) -> None:
    """Pagefind's pages are the same files in both layouts: adding a year after the change
    still writes only its own pages."""
    path = catalogue(tmp_path / "data")
    out, store = tmp_path / "out", tmp_path / "store"
    assert run_plain(path, out, store).exit_code == 0
    before = {p: p.stat().st_mtime_ns for p in (store / "search-pages").rglob("*.html")}
    as_earlier_layout(store)
    assert run_plain(path, out, store).exit_code == 0
    after = {p: p.stat().st_mtime_ns for p in (store / "search-pages").rglob("*.html")}
    assert after == before
