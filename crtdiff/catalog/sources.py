"""Turn a catalogue entry into raw bytes: a local file, a fetched URL, a snapshot, a fallback."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from crtdiff.catalog.load import Catalog
from crtdiff.catalog.model import CatalogEntry
from crtdiff.errors import FetchError, InputError
from crtdiff.ingest.raw import RawSource
from crtdiff.paths import PROJECT_ROOT
from crtdiff.store.snapshots import SnapshotRecord, SnapshotStore

if TYPE_CHECKING:  # httpx, imported with it, costs the up-to-date check a tenth of a second
    from crtdiff.fetch.http import Fetched

Fetcher = Callable[[str, str | None, str | None], "Fetched"]
"""fetch(url, etag, last_modified) -> Fetched; raises FetchError."""


@dataclass
class ResolvedSource:
    """The raw snapshot to ingest, and what happened on the way (one line each)."""

    raw: RawSource
    notes: list[str] = field(default_factory=list)


def display_path(path: Path) -> str:
    """A path relative to the project when it lies inside it (stable across machines)."""
    try:  # catalogue paths arrive resolved already: resolving again costs syscalls per part
        return (path if path.is_absolute() else path.resolve()).relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return str(path)


def read_local(path: Path, *, illustrative: bool = False) -> RawSource:
    """Read a local chapter file."""
    shown = display_path(path)
    try:
        data = path.read_bytes()
        mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except FileNotFoundError as exc:
        raise InputError(shown, "file not found") from exc
    except IsADirectoryError as exc:
        raise InputError(shown, "is a directory, not a file") from exc
    except OSError as exc:
        raise InputError(shown, f"cannot read file ({exc.strerror})") from exc
    return RawSource(data=data, uri=shown, retrieved_at=mtime, illustrative=illustrative)


def _suffix(fetched: "Fetched") -> str:
    content_type = (fetched.content_type or "").lower()
    if "application/pdf" in content_type or fetched.data[:5] == b"%PDF-":
        return ".pdf"
    return ".txt" if "text/plain" in content_type else ".html"


def fetch_to_store(url: str, store: SnapshotStore, fetch: Fetcher) -> ResolvedSource:
    """Fetch a URL (conditionally), keep a content-addressed snapshot, report revisions."""
    latest = store.latest(url)
    fetched = fetch(url, latest.etag if latest else None, latest.last_modified if latest else None)
    if fetched.not_modified and latest is not None:
        data = store.read(latest)
        raw = RawSource(data, url, datetime.fromisoformat(latest.retrieved_at))
        return ResolvedSource(raw, [f"{url}: not modified since {latest.retrieved_at}"])
    record = SnapshotRecord(
        sha256=hashlib.sha256(fetched.data).hexdigest(),
        retrieved_at=fetched.retrieved_at.isoformat(),
        suffix=_suffix(fetched),
        etag=fetched.etag,
        last_modified=fetched.last_modified,
    )
    stored = store.put(url, fetched.data, record)
    notes = []
    if stored.previous is not None:
        notes.append(
            f"{url}: upstream revision — text changed since {stored.previous.retrieved_at} "
            f"(sha256 {stored.previous.sha256[:12]} → {record.sha256[:12]}); both kept"
        )
    return ResolvedSource(RawSource(fetched.data, url, fetched.retrieved_at), notes)


def fetch_or_snapshot(url: str, store: SnapshotStore, fetch: Fetcher) -> ResolvedSource:
    """A URL's bytes: fetched (and kept), or else its latest snapshot; FetchError when neither."""
    try:
        return fetch_to_store(url, store, fetch)
    except FetchError as exc:
        latest = store.latest(url)
        if latest is None:
            raise
        raw = RawSource(store.read(latest), url, datetime.fromisoformat(latest.retrieved_at))
        return ResolvedSource(raw, [f"{exc}; using the snapshot of {latest.retrieved_at}"])


UrlSource = Callable[[str], ResolvedSource]
"""url -> its bytes (fetched, or from a snapshot); raises FetchError."""


def resolve_source(entry: CatalogEntry, catalog: Catalog, urls: UrlSource) -> ResolvedSource:
    """The raw bytes for an entry: local file, or URL (fetched, else snapshot, else fallback)."""
    if not entry.is_url:
        path = catalog.local_path(entry.source)
        raw = read_local(path, illustrative=entry.illustrative)
        return ResolvedSource(replace(raw, url=entry.url, published=entry.published))
    try:
        resolved = urls(entry.source)
        raw = replace(resolved.raw, url=entry.url, published=entry.published)
        return ResolvedSource(raw, resolved.notes)
    except FetchError as exc:
        if entry.fallback is None:
            raise
        raw = read_local(catalog.local_path(entry.fallback), illustrative=True)
        note = f"{exc}; using the illustrative fallback {raw.uri} (not official text)"
        return ResolvedSource(raw, [note])
