"""Bytes to text: BOMs, UTF-8, cp1252 and other legacy encodings, mojibake repair."""

import re
from dataclasses import dataclass, field

import charset_normalizer
import ftfy

# UTF-8 read as cp1252 or Latin-1 leaves these tell-tale pairs ("Qaâ€™ida", "CÃ´te").
_MOJIBAKE_HINT = re.compile("â€|Ã[\u0080-\u00bf]|Ã[©¨ª«´¶¼§¢£ ]|Â[\u00a0-\u00bf ]")
_MOJIBAKE_FIRSTS = "âÃÂ"
"""What every pair of _MOJIBAKE_HINT opens with: a text without them is not searched (three
`in` tests take a sixtieth of the time the pattern takes to scan a chapter)."""


def _looks_like_mojibake(text: str) -> bool:
    if not any(first in text for first in _MOJIBAKE_FIRSTS):
        return False
    return _MOJIBAKE_HINT.search(text) is not None


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from bytes, with the encoding used and what had to be repaired."""

    text: str
    encoding: str
    repairs: list[str] = field(default_factory=list)


def _decode(data: bytes, declared: str | None) -> tuple[str, str]:
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec
    candidates = ["utf-8"]
    if declared:
        candidates.insert(0, declared.lower())
    candidates.append("cp1252")
    for codec in candidates:
        try:
            return data.decode(codec), codec
        except (UnicodeDecodeError, LookupError):
            continue
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    return data.decode("latin-1"), "latin-1"


def decode_bytes(data: bytes, declared: str | None = None) -> DecodedText:
    """Decode raw bytes, trying a BOM, the declared charset, UTF-8, cp1252, then detection."""
    text, encoding = _decode(data, declared)
    repairs: list[str] = []
    if encoding not in ("utf-8", "utf-8-sig", "utf-16") and not data.isascii():
        repairs.append(f"decoded as {encoding} (not UTF-8)")
    if _looks_like_mojibake(text):
        fixed = ftfy.fix_encoding(text)
        if fixed != text:
            repairs.append("repaired mojibake (UTF-8 that had been decoded as cp1252/Latin-1)")
            text = fixed
    if "\ufffd" in text:
        repairs.append("undecodable bytes replaced by U+FFFD")
    return DecodedText(text=text, encoding=encoding, repairs=repairs)
