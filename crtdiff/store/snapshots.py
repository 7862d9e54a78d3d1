"""Content-addressed raw snapshots of fetched pages, with every revision of every URL kept."""

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from crtdiff.store.atomic import atomic_write_bytes, atomic_write_text
from crtdiff.store.lock import editing


@dataclass(frozen=True)
class SnapshotRecord:
    """One fetched revision of a URL."""

    sha256: str
    retrieved_at: str
    suffix: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Stored:
    """The outcome of storing bytes fetched from a URL."""

    record: SnapshotRecord
    path: Path
    previous: SnapshotRecord | None
    """The URL's latest earlier revision when this one differs from it (a revision upstream)."""


Index = dict[str, list[dict[str, str | None]]]


def _valid_index(loaded: object) -> bool:
    return isinstance(loaded, dict) and all(
        isinstance(url, str)
        and isinstance(history, list)
        and all(isinstance(item, dict) and isinstance(item.get("sha256"), str) for item in history)
        for url, history in loaded.items()
    )


class SnapshotStore:
    """Snapshots under `root/<sha[:2]>/<sha><suffix>`, indexed by URL in `root/index.json`.

    A snapshot is read only after its digest is checked; an index that no longer parses is
    set aside (`index.json.damaged-<time>`) and started again, with a note, rather than stop
    every run: the snapshots themselves stay, and each URL is fetched afresh.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._index_path = root / "index.json"
        self.problems: list[str] = []
        """One line per damage found in the store (reported with the entries it touches)."""

    def _index(self) -> Index:
        try:
            text = self._index_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        try:
            loaded = json.loads(text)
        except ValueError:
            loaded = None
        if _valid_index(loaded):
            return loaded  # type: ignore[no-any-return]
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        aside = self._index_path.with_name(f"index.json.damaged-{stamp}")
        try:
            self._index_path.replace(aside)
        except OSError:
            aside = self._index_path
        self.problems.append(
            f"{self._index_path}: snapshot index damaged, kept as {aside.name}; "
            "pages are fetched afresh"
        )
        return {}

    def path_of(self, record: SnapshotRecord) -> Path:
        """Where a snapshot's bytes live."""
        return self.root / record.sha256[:2] / f"{record.sha256}{record.suffix}"

    def history(self, url: str) -> list[SnapshotRecord]:
        """Every revision of a URL, oldest first."""
        return [SnapshotRecord(**item) for item in self._index().get(url, [])]  # type: ignore[arg-type]

    def latest(self, url: str) -> SnapshotRecord | None:
        """The newest revision of a URL, if any was fetched."""
        history = self.history(url)
        return history[-1] if history else None

    def read(self, record: SnapshotRecord) -> bytes:
        """The bytes of a snapshot, checked against its digest (ValueError when damaged,
        FileNotFoundError when gone)."""
        data = self.path_of(record).read_bytes()
        if hashlib.sha256(data).hexdigest() != record.sha256:
            raise ValueError(f"snapshot {record.sha256} is corrupt")
        return data

    def read_intact(self, record: SnapshotRecord) -> bytes | None:
        """The bytes of a snapshot, or None when it is missing or damaged."""
        try:
            return self.read(record)
        except (OSError, ValueError):
            return None

    def put(self, url: str, data: bytes, record: SnapshotRecord) -> Stored:
        """Store fetched bytes; an unchanged page adds nothing, a changed one a new revision.

        The index is read, changed and written under a lock, so that parallel `crtdiff add`
        commands never lose each other's revisions; a damaged or missing copy of the same
        bytes is written again."""
        path = self.path_of(record)
        with editing(self._index_path):
            if self.read_intact(record) is None:
                atomic_write_bytes(path, data, durable=True)
            index = self._index()
            history = index.get(url, [])
            latest = SnapshotRecord(**history[-1]) if history else None  # type: ignore[arg-type]
            if latest is not None and latest.sha256 == record.sha256:
                return Stored(latest, self.path_of(latest), None)
            index.setdefault(url, []).append(asdict(record))
            atomic_write_text(
                self._index_path, json.dumps(index, indent=2, sort_keys=True) + "\n", durable=True
            )
        return Stored(record, path, latest)
