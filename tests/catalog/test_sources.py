"""Sources: conditional fetches, upstream revisions kept side by side, snapshot and fallback."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from crtdiff.catalog.load import Catalog, load_catalog
from crtdiff.catalog.sources import (
    catalogued_path,
    display_path,
    fetch_or_snapshot,
    fetch_to_store,
    resolve_source,
)
from crtdiff.errors import FetchError
from crtdiff.fetch.http import Fetched, fetch_url
from crtdiff.paths import PROJECT_ROOT
from crtdiff.pipeline.locate import fetch_direct
from crtdiff.reference.bundle import Reference
from crtdiff.store.snapshots import SnapshotRecord, SnapshotStore
from tests.fakeserver import BLOCK_PAGE, Site, serve


@pytest.fixture
def site() -> Iterator[Site]:
    with serve(Site(pages={"/mali/": b"<p>version one</p>"}, etags={"/mali/": '"1"'})) as s:
        yield s


def test_unchanged_page_is_not_downloaded_again(site: Site, tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    first = fetch_to_store(site.url("/mali/"), store, fetch_direct)
    assert first.notes == []
    again = fetch_to_store(site.url("/mali/"), store, fetch_direct)
    assert again.raw.data == b"<p>version one</p>"
    assert "not modified" in again.notes[0]
    assert len(store.history(site.url("/mali/"))) == 1


def test_changed_page_is_a_revision_kept_beside_the_old(site: Site, tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    fetch_to_store(site.url("/mali/"), store, fetch_direct)
    site.pages["/mali/"], site.etags["/mali/"] = b"<p>version two</p>", '"2"'
    revised = fetch_to_store(site.url("/mali/"), store, fetch_direct)
    assert "upstream revision" in revised.notes[0] and "both kept" in revised.notes[0]
    history = store.history(site.url("/mali/"))
    assert [store.read(r) for r in history] == [b"<p>version one</p>", b"<p>version two</p>"]


def test_offline_falls_back_to_snapshot_then_to_fallback(
    site: Site, tmp_path: Path, reference: Reference
) -> None:
    store = SnapshotStore(tmp_path / "snapshots")
    fetch_to_store(site.url("/mali/"), store, fetch_direct)

    def offline(url: str, etag: str | None, modified: str | None) -> object:
        raise FetchError(url, "cannot connect; offline?")

    kept = fetch_or_snapshot(site.url("/mali/"), store, offline)  # type: ignore[arg-type]
    assert kept.raw.data == b"<p>version one</p>" and "using the snapshot" in kept.notes[0]
    (tmp_path / "samples").mkdir()
    (tmp_path / "samples" / "m.txt").write_text("illustrative")
    (tmp_path / "sources.toml").write_text(
        '[[report]]\ncountry = "Mali"\nyear = 2015\nsource = "https://gone.example/x"\nfallback = "samples/m.txt"\n'
    )
    catalog = load_catalog(tmp_path / "sources.toml", reference.countries)
    entry = catalog.entries[0]
    resolved = resolve_source(entry, catalog, lambda url: fetch_or_snapshot(url, store, offline))  # type: ignore[arg-type]
    assert resolved.raw.illustrative and "illustrative fallback" in resolved.notes[0]


def _offline(url: str, etag: str | None, modified: str | None) -> Fetched:
    raise FetchError(url, "cannot connect; offline?")


def test_a_snapshot_damaged_on_disk_is_fetched_again_unconditionally(
    site: Site, tmp_path: Path
) -> None:
    store = SnapshotStore(tmp_path)
    url = site.url("/mali/")
    fetch_to_store(url, store, fetch_direct)
    record = store.history(url)[0]
    store.path_of(record).write_bytes(b"<p>version on")  # torn by a crash, or a bad sector
    # The server would answer 304 to the ETag: the damaged copy must not be reused.
    healed = fetch_to_store(url, store, fetch_direct)
    assert healed.raw.data == b"<p>version one</p>"
    assert store.read(record) == b"<p>version one</p>"  # rewritten in place
    store.path_of(record).unlink()
    again = fetch_to_store(url, store, fetch_direct)
    assert again.raw.data == b"<p>version one</p>" and store.read(record)


def test_a_damaged_snapshot_with_upstream_gone_is_reported_alone(
    site: Site, tmp_path: Path
) -> None:
    store = SnapshotStore(tmp_path)
    url = site.url("/mali/")
    fetch_to_store(url, store, fetch_direct)
    store.path_of(store.history(url)[0]).write_bytes(b"garbage")
    with pytest.raises(FetchError, match=r"offline.*no intact snapshot to fall back on"):
        fetch_or_snapshot(url, store, _offline)
    store.path_of(store.history(url)[0]).unlink()
    with pytest.raises(FetchError, match="no intact snapshot"):
        fetch_or_snapshot(url, store, _offline)


def test_a_304_without_a_snapshot_never_stores_an_empty_page(site: Site, tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    url = site.url("/always-304")
    with pytest.raises(FetchError, match="304 Not Modified with no snapshot"):
        fetch_to_store(url, store, fetch_direct)
    assert store.history(url) == []
    with pytest.raises(FetchError):
        fetch_or_snapshot(url, store, fetch_direct)


def test_a_block_page_never_replaces_the_good_revision(site: Site, tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    url = site.url("/mali/")
    fetch_to_store(url, store, fetch_direct)
    site.pages["/mali/"], site.etags["/mali/"] = BLOCK_PAGE, '"blocked"'
    kept = fetch_or_snapshot(url, store, lambda u, e, m: fetch_url(u, etag=e, last_modified=m))
    assert kept.raw.data == b"<p>version one</p>"
    assert "block page" in kept.notes[-1]
    assert len(store.history(url)) == 1  # the block page was not kept as a revision
    # A store written by an older version, where a block page became the newest revision:
    store.put(url, BLOCK_PAGE, record(BLOCK_PAGE, "2026-02-01T00:00:00+00:00"))
    offline = fetch_or_snapshot(url, store, _offline)
    assert offline.raw.data == b"<p>version one</p>"
    assert any("is a block page (Access Denied); skipped" in n for n in offline.notes)


def test_a_damaged_snapshot_index_is_set_aside_not_fatal(site: Site, tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    url = site.url("/mali/")
    fetch_to_store(url, store, fetch_direct)
    (tmp_path / "index.json").write_text('{"https://x/": [{"sha256": ', encoding="utf-8")
    fresh = SnapshotStore(tmp_path)
    again = fetch_or_snapshot(url, fresh, fetch_direct)
    assert again.raw.data == b"<p>version one</p>"
    assert any("snapshot index damaged" in n for n in again.notes)
    assert list(tmp_path.glob("index.json.damaged-*"))
    assert [r.sha256 for r in fresh.history(url)] == [record(b"<p>version one</p>", "").sha256]


def record(data: bytes, when: str) -> SnapshotRecord:
    import hashlib

    return SnapshotRecord(hashlib.sha256(data).hexdigest(), when, ".html")


def test_a_source_is_shown_relative_to_the_project_only_when_inside_it() -> None:
    assert (
        display_path(PROJECT_ROOT / "data" / "a b" / "mali-2016.html") == "data/a b/mali-2016.html"
    )
    assert display_path(PROJECT_ROOT) == "."
    # A sibling folder whose name starts with the project's is outside it.
    sibling = Path(f"{PROJECT_ROOT}-other/data/mali-2016.html")
    assert display_path(sibling) == str(sibling)
    assert display_path(Path("/srv/crt/mali-2016.html")) == "/srv/crt/mali-2016.html"
    assert display_path(PROJECT_ROOT / ".." / "x.html") == "../x.html"  # lexical, as before


def test_a_catalogued_file_is_named_from_the_project_or_else_its_catalogue_folder(
    tmp_path: Path,
) -> None:
    inside = Catalog(PROJECT_ROOT / "data" / "sources.toml")
    path = inside.local_path("raw/mali/2016.txt")
    assert catalogued_path(path, inside) == "data/raw/mali/2016.txt"
    folder = tmp_path / "crt archive"
    (folder / "raw" / "mali").mkdir(parents=True)
    outside = Catalog(folder / "sources.toml")
    path = outside.local_path("raw/mali/2016 copy.txt")
    assert catalogued_path(path, outside) == "crt archive/raw/mali/2016 copy.txt"
    # Through a link to the folder, as found on this machine: the same name.
    (tmp_path / "link").symlink_to(folder)
    linked = Catalog(tmp_path / "link" / "sources.toml")
    assert catalogued_path(linked.local_path("raw/mali/2016.txt"), linked) == (
        "crt archive/raw/mali/2016.txt"
    )
