import pytest

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
