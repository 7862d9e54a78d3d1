"""The content-addressed result store: ingested reports, diffs and country summaries by key.

One small file per result under `<root>/<kind>/<key>.json`, written atomically, so a run reads
only what it needs and a killed run never leaves a torn result behind. The kinds' folders are
flat: a new folder costs the kernel as much as a new file (0.15-0.3 ms on ext4 without a
journal), and `<key[:2]>/` buckets (store.layout retires a store kept so) made one per result up
to some thousand results. A result may carry a second one, attached (a report, its timeline parts):
both sealed apart in one file, so that a chapter costs one file of the store, not two. A key is the
digest of what *produced* a result, not of its bytes, so every file also carries the SHA-256
of its own content in a first line: a result damaged on disk (a flipped bit, a truncation, an
edit) fails that check on read, counts as missing, and is recomputed. A result is a pydantic
model or a msgspec Struct (the country summaries, read by the thousand); one that does not
decode as its type (damaged, or written by code whose form differs) counts as missing too.
"""

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

import msgspec
from pydantic import BaseModel, ValidationError

from crtdiff.store.atomic import atomic_write_bytes, atomic_write_pieces

M = TypeVar("M", bound=BaseModel | msgspec.Struct)

_SEAL = b"crtdiff-result sha256="
_SEALED_HEAD = len(_SEAL) + 64 + 1
_SECTIONS = b"crtdiff-results "
"""First line of a file holding a result and the one attached to it: the lengths of the two
sealed sections that follow, then a newline."""
_SECTIONS_HEAD_MAX = len(_SECTIONS) + 2 * 20 + 2


_ENCODER = msgspec.json.Encoder()


@cache
def _decoder(model: type[msgspec.Struct]) -> msgspec.json.Decoder[Any]:
    """A reusable JSON decoder of a Struct type (built once: building it walks the types)."""
    return msgspec.json.Decoder(model)


def encode(model: BaseModel | msgspec.Struct) -> bytes:
    """A model's stored form: its compact JSON, `model_dump_json()` as UTF-8 (made as bytes by
    the serializer that method calls, not decoded to a string and encoded back)."""
    if isinstance(model, msgspec.Struct):
        return _ENCODER.encode(model)
    return model.__pydantic_serializer__.to_json(model)


def seal(data: bytes) -> bytes:
    """`data` behind a first line holding its SHA-256."""
    return _SEAL + hashlib.sha256(data).hexdigest().encode() + b"\n" + data


def unseal(stored: bytes) -> bytes | None:
    """The content of sealed bytes, or None when they are damaged (or were never sealed)."""
    data = _content(stored)
    return None if data is None else data.tobytes()


def _content(stored: bytes | memoryview) -> memoryview | None:
    """unseal's content as a view of `stored`: not copied (a country's summary is megabytes)."""
    head = bytes(stored[:_SEALED_HEAD])
    if not head.startswith(_SEAL) or head[_SEALED_HEAD - 1 :] != b"\n":
        return None
    data = memoryview(stored)[_SEALED_HEAD:]
    expected = head[len(_SEAL) : _SEALED_HEAD - 1].decode("ascii", errors="replace")
    return data if hashlib.sha256(data).hexdigest() == expected else None


def sealed_pair(main: bytes, attached: bytes) -> list[bytes]:
    """The pieces of a file holding `main` and `attached`, each sealed apart: the first line
    gives the two sections' lengths, so that either is found and checked without the other."""
    first, second = seal(main), seal(attached)
    return [_SECTIONS + b"%d %d\n" % (len(first), len(second)), first, second]


def _section(stored: bytes, index: int) -> memoryview | None:
    """The checked content of section `index` (0: the result, 1: the one attached) of a stored
    file, or None when it is missing or damaged; a file of one result has no section 1."""
    if not stored.startswith(_SECTIONS):
        return _content(stored) if index == 0 else None
    end = stored.find(b"\n", 0, _SECTIONS_HEAD_MAX)
    if end < 0:
        return None
    try:
        lengths = [int(n) for n in stored[len(_SECTIONS) : end].split(b" ")]
    except ValueError:
        return None
    if len(lengths) != 2 or end + 1 + sum(lengths) != len(stored):
        return None  # a torn or edited file: its lengths no longer add up
    start = end + 1 + sum(lengths[:index])
    return _content(memoryview(stored)[start : start + lengths[index]])


def _decoded(data: memoryview | None, model: type[M]) -> M | Literal[False] | None:
    """A model decoded from stored content; None when there is none, False when it does not
    decode as `model` (written by code whose form differs)."""
    if data is None:
        return None
    try:
        if issubclass(model, msgspec.Struct):
            return cast(M, _decoder(model).decode(data))
        return cast(M, model.model_validate_json(data.tobytes()))
    except (ValidationError, msgspec.DecodeError, ValueError):
        return False


class ResultStore:
    """Results keyed by the digest of what produced them."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, kind: str, key: str, name: str = "json") -> Path:
        return self.root / kind / f"{key}.{name}"

    def folder(self, kind: str, name: str) -> Path:
        """A folder of the store for files kept between runs under a name, not a key (e.g. a
        country's search records)."""
        return self.root / kind / name

    def has(self, kind: str, key: str) -> bool:
        """True when a result is stored (it may still prove damaged when loaded)."""
        return self._path(kind, key).is_file()

    def _read(self, kind: str, key: str, name: str = "json") -> bytes | None:
        data = self._view(kind, key, name)
        return None if data is None else data.tobytes()

    def _view(self, kind: str, key: str, name: str = "json", section: int = 0) -> memoryview | None:
        try:
            return _section(self._path(kind, key, name).read_bytes(), section)
        except OSError:
            return None

    def _write(self, kind: str, key: str, data: bytes, name: str = "json") -> None:
        atomic_write_bytes(self._path(kind, key, name), seal(data))

    def load(self, kind: str, key: str, model: type[M]) -> M | None:
        """A stored model, or None when missing or damaged (then it is recomputed). One intact
        on disk that does not decode as `model` (written by code whose form differs) is removed:
        it would pass its seal's check, and settling would trust it on every later run."""
        decoded = _decoded(self._view(kind, key), model)
        if decoded is False:
            self.discard(kind, key)
            return None
        return decoded

    def load_attached(self, kind: str, key: str, model: type[M]) -> M | None:
        """The model attached to a stored result (save's `attached`), or None when missing,
        damaged or of another form (then it is made again and attached anew)."""
        decoded = _decoded(self._view(kind, key, section=1), model)
        return None if decoded is False else decoded

    def save(
        self,
        kind: str,
        key: str,
        model: BaseModel | msgspec.Struct,
        attached: BaseModel | msgspec.Struct | None = None,
    ) -> bytes:
        """Store a model, with a second one `attached` to it in the same file when given;
        returns the JSON the model is stored as (`encode`), for a caller that writes the same
        JSON elsewhere not to encode the model twice."""
        data = encode(model)
        if attached is None:
            self._write(kind, key, data)
        else:
            atomic_write_pieces(self._path(kind, key), sealed_pair(data, encode(attached)))
        return data

    def attach(self, kind: str, key: str, attached: BaseModel | msgspec.Struct) -> None:
        """Attach a model to a stored result (rewriting its file); nothing when the result
        itself is missing or damaged: the attached one is made again when next needed."""
        data = self._view(kind, key)
        if data is not None:
            pieces = sealed_pair(data.tobytes(), encode(attached))
            atomic_write_pieces(self._path(kind, key), pieces)

    def discard(self, kind: str, key: str) -> None:
        """Remove a result found unusable, so that it counts as missing to every later check."""
        self._path(kind, key).unlink(missing_ok=True)

    def save_bytes(self, kind: str, key: str, name: str, data: bytes) -> None:
        """Store a named blob beside a result (e.g. one Arrow table)."""
        self._write(kind, key, data, name)

    def size(self, kind: str, key: str, name: str = "json") -> int:
        """Bytes a result (or a blob beside it) takes on disk; 0 when missing."""
        try:
            return self._path(kind, key, name).stat().st_size
        except OSError:
            return 0

    def load_bytes(self, kind: str, key: str, name: str) -> bytes | None:
        """A stored blob, or None when missing or damaged."""
        return self._read(kind, key, name)

    def load_json(self, kind: str, key: str, name: str = "json") -> Any:
        """A stored JSON value (or one stored as a blob `name` beside a result), or None when
        missing or damaged."""
        data = self._read(kind, key, name)
        if data is None:
            return None
        try:
            return json.loads(data)
        except ValueError:
            return None

    def save_json(self, kind: str, key: str, value: Any, name: str = "json") -> None:
        """Store a JSON value (as a blob `name` beside a result, when given)."""
        self._write(kind, key, json.dumps(value).encode("utf-8"), name)

    def intact(self, kind: str, key: str, blobs: tuple[str, ...] = ()) -> bool:
        """True when a result and its named blobs are stored and undamaged."""
        return self._view(kind, key) is not None and all(
            self._view(kind, key, name) is not None for name in blobs
        )
