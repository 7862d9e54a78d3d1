"""The content-addressed result store: ingested reports, diffs and country summaries by key.

One small file per result under `<root>/<kind>/<key[:2]>/<key>.json`, written atomically, so a
run reads only what it needs and a killed run never leaves a torn result behind.
"""

import json
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from crtdiff.store.atomic import atomic_write_bytes, atomic_write_text

M = TypeVar("M", bound=BaseModel)


class ResultStore:
    """Results keyed by the digest of what produced them."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, kind: str, key: str) -> Path:
        return self.root / kind / key[:2] / f"{key}.json"

    def has(self, kind: str, key: str) -> bool:
        """True when a result is stored."""
        return self._path(kind, key).is_file()

    def load(self, kind: str, key: str, model: type[M]) -> M | None:
        """A stored model, or None when missing or unreadable (then it is recomputed)."""
        path = self._path(kind, key)
        try:
            return model.model_validate_json(path.read_bytes())
        except (OSError, ValidationError, ValueError):
            return None

    def save(self, kind: str, key: str, model: BaseModel) -> None:
        """Store a model."""
        atomic_write_text(self._path(kind, key), model.model_dump_json())

    def save_bytes(self, kind: str, key: str, name: str, data: bytes) -> None:
        """Store a named blob beside a result (e.g. one Parquet table)."""
        atomic_write_bytes(self.root / kind / key[:2] / f"{key}.{name}", data)

    def load_bytes(self, kind: str, key: str, name: str) -> bytes | None:
        """A stored blob, or None."""
        try:
            return (self.root / kind / key[:2] / f"{key}.{name}").read_bytes()
        except OSError:
            return None

    def load_json(self, kind: str, key: str) -> Any:
        """A stored JSON value, or None."""
        try:
            return json.loads(self._path(kind, key).read_bytes())
        except (OSError, ValueError):
            return None

    def save_json(self, kind: str, key: str, value: Any) -> None:
        """Store a JSON value."""
        atomic_write_text(self._path(kind, key), json.dumps(value))
