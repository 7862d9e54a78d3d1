import pytest

from crtdiff.extract.numbers import parse_number
from crtdiff.extract.tolls import read_tolls


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("19", 19),
        ("five", 5),
        ("twenty-one", 21),
        ("1,200", 1200),
        ("a dozen", 12),
        ("one hundred", 100),
        ("Nineteen", 19),
        ("several", None),
    ],
)
def test_numbers(text: str, value: int | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "killed", "wounded", "kidnapped", "flags"),
    [
        ("three French soldiers were killed by an IED attack", 3, None, None, []),
        (
            "resulted in at least 19 Malian soldiers killed and five kidnapped",
            19,
            None,
            5,
            ["at_least"],
        ),
        ("a Swiss citizen was abducted in Timbuktu", None, None, 1, []),
        ("One attacker was killed trying to breach the perimeter.", None, None, None, []),
        ("killing seven people and wounding more than 50", 7, 50, None, ["at_least"]),
        ("an estimated 177 civilians were killed", 177, None, None, ["estimated"]),
        (
            "The KDF claimed nine soldiers were killed; media reported at least 20 soldiers killed.",
            9,
            None,
            None,
            ["at_least", "competing"],
        ),
        ("killing two civilians and four suicide bombers", 2, None, None, []),
        ("gunmen attacked a hotel; no figures were released", None, None, None, []),
    ],
)
def test_tolls_are_lower_bounds_and_unknown_is_not_zero(
    text: str, killed: int | None, wounded: int | None, kidnapped: int | None, flags: list[str]
) -> None:
    tolls = read_tolls(text)
    assert (tolls.killed, tolls.wounded, tolls.kidnapped) == (killed, wounded, kidnapped)
    assert sorted(f.value for f in tolls.flags) == flags
