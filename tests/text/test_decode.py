import re

import ftfy
from hypothesis import given
from hypothesis import strategies as st

from crtdiff.text.decode import decode_bytes


def test_utf8_passes_through_without_repairs() -> None:
    decoded = decode_bytes("al-Qa’ida in Côte d’Ivoire".encode())
    assert decoded.text == "al-Qa’ida in Côte d’Ivoire"
    assert decoded.encoding == "utf-8"
    assert decoded.repairs == []


def test_cp1252_is_decoded_and_reported() -> None:
    decoded = decode_bytes("al-Qa’ida – Côte".encode("cp1252"))
    assert decoded.text == "al-Qa’ida – Côte"
    assert decoded.encoding == "cp1252"
    assert any("cp1252" in r for r in decoded.repairs)


def test_mojibake_is_repaired() -> None:
    broken = "al-Qa’ida in Côte d’Ivoire".encode().decode("cp1252")
    assert "Qaâ€™ida" in broken
    decoded = decode_bytes(broken.encode())
    assert decoded.text == "al-Qa’ida in Côte d’Ivoire"
    assert any("mojibake" in r for r in decoded.repairs)


def test_bom_is_removed() -> None:
    assert decode_bytes(b"\xef\xbb\xbfOverview: text").text == "Overview: text"


def test_declared_charset_wins_over_guessing() -> None:
    decoded = decode_bytes("Côte".encode("latin-1"), "iso-8859-1")
    assert decoded.text == "Côte"


def test_plain_ascii_in_declared_legacy_charset_is_not_a_repair() -> None:
    assert decode_bytes(b"Overview: Mali.", "iso-8859-1").repairs == []


_MOJIBAKE_PAIRS = re.compile("â€|Ã[\u0080-\u00bf]|Ã[©¨ª«´¶¼§¢£ ]|Â[\u00a0-\u00bf ]")
"""The pairs that UTF-8 read as cp1252 or Latin-1 leaves, as the decoder defines them."""


@given(st.text(alphabet="aâ€™Ã©\u0080\u00bfÂ\u00a0 ’", max_size=10))
def test_mojibake_is_repaired_exactly_where_its_pairs_stand(text: str) -> None:
    repaired = any("mojibake" in r for r in decode_bytes(text.encode()).repairs)
    expected = _MOJIBAKE_PAIRS.search(text) is not None and ftfy.fix_encoding(text) != text
    assert repaired == expected
