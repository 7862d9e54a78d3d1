"""Sources: conditional fetches, upstream revisions kept side by side, snapshot and fallback."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from crtdiff.catalog.load import load_catalog
from crtdiff.catalog.sources import fetch_or_snapshot, fetch_to_store, resolve_source
from crtdiff.errors import FetchError
from crtdiff.pipeline.locate import fetch_direct
from crtdiff.reference.bundle import Reference
from crtdiff.store.snapshots import SnapshotStore
from tests.fakeserver import Site, serve


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
