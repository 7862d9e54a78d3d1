"""The raw bytes of a chapter and where they came from (light: no parser imported)."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class RawSource:
    """The raw snapshot of a chapter and where it came from."""

    data: bytes
    uri: str
    retrieved_at: datetime
    illustrative: bool = False
    declared_encoding: str | None = None
    url: str | None = None
    """Official URL of this text when the catalogue knows it (else read from the page)."""
    published: str | None = None
    """Publication date when the catalogue knows it (else read from the page)."""
