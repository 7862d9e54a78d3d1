import pytest
from hypothesis import given
from hypothesis import strategies as st

from crtdiff.text.normalize import fold_quotes, match_key, normalize_text, slugify


def test_normalize_keeps_curly_quotes_but_plain_spaces_and_hyphens() -> None:
    text = "Overview:\u00a0al\u2011Qa’ida\r\nnext\u200b line\u00ad"
    assert normalize_text(text) == "Overview: al-Qa’ida\nnext line"


def test_fold_quotes_treats_straight_and_curly_alike() -> None:
    assert fold_quotes("Qa’ida") == fold_quotes("Qa'ida") == "Qa'ida"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Jama'at Nusrat al-Islam wal-Muslimin", "Jama’at Nusrat al‑Islam wal Muslimin"),
        ("Côte d’Ivoire", "cote d'ivoire"),
        ("al-Qa'ida", "Al Qaida"),
    ],
)
def test_match_key_folds_spelling_variants(a: str, b: str) -> None:
    assert match_key(a) == match_key(b)


def test_slugify_builds_state_gov_slugs() -> None:
    assert slugify("Cote d'Ivoire") == "cote-divoire"
    assert slugify("Burkina Faso") == "burkina-faso"


def test_fold_quotes_folds_every_apostrophe_and_double_quote() -> None:
    assert fold_quotes("‘a’ `b´ ʼcʹ d′ “e” „f”") == "'a' 'b' 'c' d' \"e\" \"f\""


def test_normalize_text_leaves_clean_text_alone_and_fixes_every_odd_space() -> None:
    clean = "Overview: “quoted” – dash, café"
    assert normalize_text(clean) == clean
    odd = "a\u00a0b\u2007c\u202fd\u2009e\u200af\u3000g\th\u2011i\u2010j\u00adk\u200bl\ufeffm"
    assert normalize_text(odd) == "a b c d e f g h-i-jklm"


_ODD = "\u00a0\u2007\u202f\u2009\u200a\u3000\t\f\v\u2011\u2010\u00ad\u200b\u200c\u200d\u2060\ufeff"
"""Every character normalize_text replaces or drops."""


@given(st.text(alphabet=_ODD + "a -’\r\n", max_size=8))
def test_normalize_text_replaces_every_odd_character_wherever_it_stands(text: str) -> None:
    out = normalize_text(text)
    assert not any(char in out for char in _ODD)
    plain = text.replace("\r\n", "\n").replace("\r", "\n")
    assert out.replace(" ", "").replace("-", "") == "".join(
        c for c in plain if c not in _ODD + " -"
    )
