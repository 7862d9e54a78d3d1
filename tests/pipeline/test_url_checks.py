"""When a catalogue URL is asked again: within the recheck interval, its last check stands."""

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crtdiff.catalog.sources import ResolvedSource, fetch_or_snapshot
from crtdiff.errors import FetchError
from crtdiff.fetch.http import Fetched
from crtdiff.pipeline.url_checks import UrlCheck, parse_duration, plan_urls, record_check
from crtdiff.store.snapshots import SnapshotRecord, SnapshotStore

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
PAGE, GONE = "https://example.org/page", "https://example.org/gone"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", timedelta(0)),
        ("90s", timedelta(seconds=90)),
        ("30m", timedelta(minutes=30)),
        ("24h", timedelta(hours=24)),
        ("7d", timedelta(days=7)),
        ("1d12h", timedelta(days=1, hours=12)),
    ],
)
def test_durations(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "soon", "24", "-1h", "1w"])
def test_what_is_not_a_duration(text: str) -> None:
    with pytest.raises(ValueError, match="is not a duration"):
        parse_duration(text)


@pytest.fixture
def checked(tmp_path: Path) -> tuple[SnapshotStore, dict[str, dict[str, object]]]:
    """A snapshot of PAGE, and both URLs checked an hour ago (GONE failed with a 404)."""
    store = SnapshotStore(tmp_path / "snapshots")
    record = SnapshotRecord(_sha(b"<p>chapter</p>"), "2026-01-01T00:00:00+00:00", ".html")
    store.put(PAGE, b"<p>chapter</p>", record)
    an_hour_ago = NOW - timedelta(hours=1)
    fetched = Fetched(PAGE, PAGE, b"", True, an_hour_ago)
    checks = {
        PAGE: record_check(PAGE, fetched, store, an_hour_ago).as_dict(),
        GONE: record_check(
            GONE, FetchError(GONE, "HTTP 404", status=404), store, an_hour_ago
        ).as_dict(),
    }
    return store, checks


def test_a_recent_check_stands(checked: tuple[SnapshotStore, dict[str, dict[str, object]]]) -> None:
    store, checks = checked
    plan = plan_urls([PAGE, GONE], checks, store, NOW, timedelta(hours=24))
    assert plan.due == []
    page, gone = plan.reused[PAGE], plan.reused[GONE]
    assert isinstance(page, ResolvedSource) and page.raw.data == b"<p>chapter</p>"
    assert page.notes == []
    assert isinstance(gone, FetchError) and gone.status == 404
    assert gone.problem == "HTTP 404"  # the check's own words: its entry's outcome is unchanged
    assert plan.next_check == NOW + timedelta(hours=23)


def test_an_old_check_a_zero_interval_or_a_changed_snapshot_asks_again(
    checked: tuple[SnapshotStore, dict[str, dict[str, object]]],
) -> None:
    store, checks = checked
    assert plan_urls([PAGE, GONE], checks, store, NOW, timedelta(minutes=30)).due == [PAGE, GONE]
    assert plan_urls([PAGE, GONE], checks, store, NOW, timedelta(0)).due == [PAGE, GONE]
    assert plan_urls(["https://example.org/new"], checks, store, NOW, timedelta(days=1)).due == [
        "https://example.org/new"
    ]
    store.put(PAGE, b"<p>revised</p>", SnapshotRecord(_sha(b"<p>revised</p>"), "x", ".html"))
    assert plan_urls([PAGE], checks, store, NOW, timedelta(days=1)).due == [PAGE]


def test_a_failed_check_with_a_snapshot_reuses_it_and_says_why(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path / "snapshots")
    store.put(PAGE, b"old", SnapshotRecord(_sha(b"old"), "2026-01-01T00:00:00+00:00", ".txt"))
    check = record_check(PAGE, FetchError(PAGE, "timed out", transient=True), store, NOW)
    assert check == UrlCheck(NOW.isoformat(timespec="seconds"), _sha(b"old"), "timed out")
    plan = plan_urls([PAGE], {PAGE: check.as_dict()}, store, NOW, timedelta(days=1))
    reused = plan.reused[PAGE]
    assert isinstance(reused, ResolvedSource) and reused.raw.data == b"old"

    def offline(url: str, _etag: str | None, _modified: str | None) -> Fetched:
        raise FetchError(url, "timed out", transient=True)

    # the very note the check itself gave
    assert reused.notes == fetch_or_snapshot(PAGE, store, offline).notes
    assert reused.notes == [f"{PAGE}: timed out; using the snapshot of 2026-01-01T00:00:00+00:00"]


def test_with_nothing_due_the_fetcher_is_not_called(
    checked: tuple[SnapshotStore, dict[str, dict[str, object]]],
) -> None:
    """A fetcher may import its HTTP client first: a run with every URL recently checked, or
    none, never pays for that."""
    from crtdiff.pipeline.url_checks import check_urls

    store, checks = checked

    def fetch(requests: object) -> Iterator[Fetched | FetchError]:
        raise AssertionError(f"fetch called with {requests}")
        yield  # a generator, as the plain runner's and the flow's fetchers are

    for urls in ([PAGE, GONE], []):
        urls_found, _ = check_urls(
            urls, store, checks, timedelta(days=3650), fetch, lambda *_a, **_k: None
        )
        assert set(urls_found.results) == set(urls)
