"""Content-addressed raw snapshots of fetched pages, with every revision of every URL kept."""

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from crtdiff.store.atomic import atomic_write_bytes, atomic_write_text


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


class SnapshotStore:
    """Snapshots under `root/<sha[:2]>/<sha><suffix>`, indexed by URL in `root/index.json`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._index_path = root / "index.json"

    def _index(self) -> dict[str, list[dict[str, str | None]]]:
        if not self._index_path.exists():
            return {}
        loaded: dict[str, list[dict[str, str | None]]] = json.loads(
            self._index_path.read_text(encoding="utf-8")
        )
        return loaded

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
        """The bytes of a snapshot, checked against its digest."""
        data = self.path_of(record).read_bytes()
        if hashlib.sha256(data).hexdigest() != record.sha256:
            raise ValueError(f"snapshot {record.sha256} is corrupt")
        return data

    def put(self, url: str, data: bytes, record: SnapshotRecord) -> Stored:
        """Store fetched bytes; an unchanged page adds nothing, a changed one a new revision."""
        latest = self.latest(url)
        if latest is not None and latest.sha256 == record.sha256:
            return Stored(latest, self.path_of(latest), None)
        path = self.path_of(record)
        if not path.exists():
            atomic_write_bytes(path, data, durable=True)
        index = self._index()
        index.setdefault(url, []).append(asdict(record))
        atomic_write_text(
            self._index_path, json.dumps(index, indent=2, sort_keys=True) + "\n", durable=True
        )
        return Stored(record, path, latest)
