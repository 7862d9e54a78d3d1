"""Turn a catalogue entry into raw bytes: a local file, a fetched URL, a snapshot, a fallback."""

import hashlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from crtdiff.catalog.load import Catalog
from crtdiff.catalog.model import CatalogEntry, real_folder
from crtdiff.errors import FetchError, InputError
from crtdiff.fetch.blocked import block_page
from crtdiff.ingest.raw import RawSource
from crtdiff.limits import MAX_BYTES
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
    # catalogue paths arrive resolved already: resolving again costs syscalls per part
    absolute = path if path.is_absolute() else path.resolve()
    # A string prefix, not `relative_to`: asked of every entry of a run, pathlib's part by
    # part comparison cost more than reading the file. Paths are normalised, so the two agree.
    text, root = os.fspath(absolute), os.fspath(PROJECT_ROOT)
    if text == root:
        return "."
    below = _below(text, root)
    return str(path) if below is None else below


def _below(text: str, folder: str) -> str | None:
    """The path `text` from inside `folder` (both normalised), with forward slashes; None when
    it does not lie inside it."""
    inside = folder.rstrip(os.sep) + os.sep
    return text[len(inside) :].replace(os.sep, "/") if text.startswith(inside) else None


def catalogued_path(path: Path, catalog: Catalog) -> str:
    """How a catalogued file is named in its report (and key): relative to the project when it
    lies inside it, else its catalogue folder's name and its path in that folder. Never the
    machine's absolute path, which a published page would show, and the same when the archive
    is moved or copied, so that its results stay valid."""
    text = os.fspath(path)
    shown = display_path(path)
    if shown != text:
        return shown
    # local_path keeps every file inside the catalogue's (resolved) folder; a string prefix,
    # as display_path's: relative_to cost a no-op run of 10,000 chapters 80 ms.
    name, folder = _catalogue_folder(catalog.path)
    below = _below(text, folder)
    return f"{name}/{text.replace(os.sep, '/') if below is None else below}"


@lru_cache(maxsize=64)
def _catalogue_folder(catalog_path: Path) -> tuple[str, str]:
    """A catalogue's folder (resolved): its name, and its path."""
    folder = real_folder(catalog_path.parent)
    return folder.name or ".", os.fspath(folder)


def read_local(path: Path, *, illustrative: bool = False, uri: str | None = None) -> RawSource:
    """Read a local chapter file: a regular file of at most MAX_BYTES, checked before reading
    (a FIFO would block the run, /dev/zero or an 8 GB sparse file would fill the memory).
    `uri` names it in the report (errors name it as found on this machine)."""
    shown = display_path(path)
    try:
        # O_NONBLOCK: opening a FIFO with no writer must not wait for one.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError as exc:
        raise InputError(shown, "file not found") from exc
    except IsADirectoryError as exc:
        raise InputError(shown, "is a directory, not a file") from exc
    except OSError as exc:
        raise InputError(shown, f"cannot read file ({exc.strerror})") from exc
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(shown, "is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(shown, f"is not a regular file ({_kind(info.st_mode)})")
        if info.st_size > MAX_BYTES:
            raise InputError(
                shown,
                f"file is {info.st_size / 1e6:.0f} MB, over the {MAX_BYTES // 2**20} MB limit",
            )
        try:
            data = handle.read(MAX_BYTES + 1)  # a file growing while read stays bounded
        except OSError as exc:
            raise InputError(shown, f"cannot read file ({exc.strerror})") from exc
    mtime = datetime.fromtimestamp(info.st_mtime, UTC)
    return RawSource(data, uri or shown, retrieved_at=mtime, illustrative=illustrative)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a plain file"


def _suffix(fetched: "Fetched") -> str:
    content_type = (fetched.content_type or "").lower()
    if "application/pdf" in content_type or fetched.data[:5] == b"%PDF-":
        return ".pdf"
    return ".txt" if "text/plain" in content_type else ".html"


def _reusable(store: SnapshotStore, latest: SnapshotRecord | None) -> bytes | None:
    """The latest snapshot's bytes when a 304 may send us back to them: intact, and not a
    block page (an older version could store one)."""
    data = store.read_intact(latest) if latest is not None else None
    return None if data is None or block_page(data) is not None else data


def validators(store: SnapshotStore, url: str) -> tuple[str | None, str | None]:
    """ETag and Last-Modified for a conditional request: only when the snapshot they vouch
    for is reusable (a 304 must never leave us with a damaged, missing or blocked page)."""
    latest = store.latest(url)
    if latest is None or _reusable(store, latest) is None:
        return None, None
    return latest.etag, latest.last_modified


def fetch_to_store(url: str, store: SnapshotStore, fetch: Fetcher) -> ResolvedSource:
    """Fetch a URL (conditionally), keep a content-addressed snapshot, report revisions."""
    latest = store.latest(url)
    kept = _reusable(store, latest)
    if latest is None or kept is None:
        fetched = fetch(url, None, None)  # unconditional: no 304 for bytes we no longer have
    else:
        fetched = fetch(url, latest.etag, latest.last_modified)
    notes = list(store.problems)
    if fetched.not_modified:
        if latest is None or kept is None:
            raise FetchError(url, "answered 304 Not Modified with no snapshot to reuse")
        raw = RawSource(kept, url, datetime.fromisoformat(latest.retrieved_at))
        return ResolvedSource(raw, [*notes, f"{url}: not modified since {latest.retrieved_at}"])
    record = SnapshotRecord(
        sha256=hashlib.sha256(fetched.data).hexdigest(),
        retrieved_at=fetched.retrieved_at.isoformat(),
        suffix=_suffix(fetched),
        etag=fetched.etag,
        last_modified=fetched.last_modified,
    )
    stored = store.put(url, fetched.data, record)
    notes += [p for p in store.problems if p not in notes]
    if stored.previous is not None:
        notes.append(
            f"{url}: upstream revision — text changed since {stored.previous.retrieved_at} "
            f"(sha256 {stored.previous.sha256[:12]} → {record.sha256[:12]}); both kept"
        )
    return ResolvedSource(RawSource(fetched.data, url, fetched.retrieved_at), notes)


def best_snapshot(url: str, store: SnapshotStore) -> tuple[RawSource, list[str]] | None:
    """The newest snapshot of a URL that is intact and not a block page, with a note for
    each newer one passed over; None when there is none."""
    passed: list[str] = []
    for record in reversed(store.history(url)):
        data = store.read_intact(record)
        if data is None:
            passed.append(f"the snapshot of {record.retrieved_at} is damaged or missing")
            continue
        blocked = block_page(data)
        if blocked is not None:
            passed.append(f"the snapshot of {record.retrieved_at} is a block page ({blocked})")
            continue
        raw = RawSource(data, url, datetime.fromisoformat(record.retrieved_at))
        return raw, [f"{url}: {p}; skipped" for p in passed]
    return None


def fetch_or_snapshot(url: str, store: SnapshotStore, fetch: Fetcher) -> ResolvedSource:
    """A URL's bytes: fetched (and kept), or else its best snapshot; FetchError when neither."""
    try:
        return fetch_to_store(url, store, fetch)
    except FetchError as exc:
        found = best_snapshot(url, store)
        if found is None:
            if store.history(url):
                raise FetchError(
                    exc.source, f"{exc.problem}; no intact snapshot to fall back on"
                ) from exc
            raise
        raw, notes = found
        when = raw.retrieved_at.isoformat()
        return ResolvedSource(
            raw, [*store.problems, *notes, f"{exc}; using the snapshot of {when}"]
        )


UrlSource = Callable[[str], ResolvedSource]
"""url -> its bytes (fetched, or from a snapshot); raises FetchError."""


def resolve_source(entry: CatalogEntry, catalog: Catalog, urls: UrlSource) -> ResolvedSource:
    """The raw bytes for an entry: local file, or URL (fetched, else snapshot, else fallback)."""
    if not entry.is_url:
        try:  # a symlink may lead out of the data folder since the catalogue was read
            path = catalog.local_path(entry.source)
        except ValueError as exc:
            raise InputError(entry.source, str(exc)) from exc
        uri = catalogued_path(path, catalog)
        raw = read_local(path, illustrative=entry.illustrative, uri=uri)
        return ResolvedSource(replace(raw, url=entry.url, published=entry.published))
    try:
        resolved = urls(entry.source)
        raw = replace(resolved.raw, url=entry.url, published=entry.published)
        return ResolvedSource(raw, resolved.notes)
    except FetchError as exc:
        if entry.fallback is None:
            raise
        path = catalog.local_path(entry.fallback)
        raw = read_local(path, illustrative=True, uri=catalogued_path(path, catalog))
        note = f"{exc}; using the illustrative fallback {raw.uri} (not official text)"
        return ResolvedSource(raw, [note])
