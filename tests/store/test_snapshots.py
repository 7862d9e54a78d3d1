import hashlib
from pathlib import Path

from crtdiff.store.snapshots import SnapshotRecord, SnapshotStore


def record(data: bytes, when: str) -> SnapshotRecord:
    return SnapshotRecord(hashlib.sha256(data).hexdigest(), when, ".html", etag=None)


def test_revisions_are_kept_side_by_side(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    url = "https://www.state.gov/reports/country-reports-on-terrorism-2019/mali/"
    first = store.put(url, b"v1", record(b"v1", "2020-06-24T00:00:00+00:00"))
    assert first.previous is None
    same = store.put(url, b"v1", record(b"v1", "2020-07-01T00:00:00+00:00"))
    assert same.previous is None and len(store.history(url)) == 1
    second = store.put(url, b"v2", record(b"v2", "2021-01-01T00:00:00+00:00"))
    assert second.previous is not None and second.previous.sha256 == first.record.sha256
    assert [store.read(r) for r in store.history(url)] == [b"v1", b"v2"]
    assert first.path.read_bytes() == b"v1"
    assert first.path.name == f"{hashlib.sha256(b'v1').hexdigest()}.html"
