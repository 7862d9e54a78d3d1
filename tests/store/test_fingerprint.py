"""Digests key every stored result and written page: their value must never drift (a store
made by an earlier version is reused only when the same inputs give the same digest)."""

import hashlib

import pytest

from crtdiff.store.fingerprint import digest


def _streamed(*parts: str) -> str:
    """The definition: each part's UTF-8 followed by a NUL."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


@pytest.mark.parametrize(
    "parts",
    [
        (),
        ("",),
        ("", ""),
        ("a", "b"),
        ("ab",),
        ("Côte d'Ivoire", "\x00"),
        tuple(map(str, range(5000))),
    ],
)
def test_digest_is_each_part_followed_by_a_nul(parts: tuple[str, ...]) -> None:
    assert digest(*parts) == _streamed(*parts)


def test_digest_keeps_its_value() -> None:
    assert digest("a", "b") == hashlib.sha256(b"a\x00b\x00").hexdigest()
    assert digest() == hashlib.sha256(b"").hexdigest()
    assert digest("a", "b") != digest("ab") != digest("a", "", "b")
