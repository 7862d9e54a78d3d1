"""Recognise what a raw snapshot is before decoding it."""

import re

from crtdiff.errors import InputError
from crtdiff.limits import MAX_BYTES
from crtdiff.schemas import SourceFormat

_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"RIFF", "a RIFF media file"),
    (b"\x7fELF", "an executable"),
    (b"BM", "a bitmap image"),
)
_HTML_SNIFF = re.compile(
    rb"<!doctype html|<html[\s>]|<body[\s>]|<head[\s>]|<p[\s>]|<div[\s>]|<article[\s>]",
    re.IGNORECASE,
)
_NOT_CONTROL = bytes(b for b in range(256) if b >= 32 or b in (9, 10, 12, 13))
"""Deleted from a sample, leaves its control bytes (counted at C speed, not byte by byte)."""


def detect_format(data: bytes, source: str) -> SourceFormat:
    """Plain text, HTML or PDF; images, archives and other binaries are rejected."""
    if not data.strip():
        raise InputError(source, "file is empty" if not data else "file holds only whitespace")
    if len(data) > MAX_BYTES:
        raise InputError(
            source, f"file is {len(data) / 1e6:.0f} MB, over the {MAX_BYTES // 2**20} MB limit"
        )
    head = data[:2048]
    if head.lstrip().startswith(b"%PDF"):
        return SourceFormat.PDF
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise InputError(source, f"file is {what}, not a chapter")
    if not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        sample = data[:65536]
        controls = len(sample.translate(None, _NOT_CONTROL))
        if b"\x00" in sample or controls > len(sample) * 0.01:
            raise InputError(source, "file is binary, not text or HTML")
    return SourceFormat.HTML if _HTML_SNIFF.search(data[:65536]) else SourceFormat.TEXT
