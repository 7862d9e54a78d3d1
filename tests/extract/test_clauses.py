"""The clause reader's sentence tests give what their patterns give, however they are searched."""

from hypothesis import given
from hypothesis import strategies as st

from crtdiff.extract.clauses import PERIOD, names_period
from crtdiff.text.caseless import caseless

_WORDS = ["through", "Since", "DURING", "the", "year", "in", "2016", "As", "of", "so", "far"]
_ODD = ["ſince", "throuGh", "Throughout", "\u0130n 2016", "the Year", "as ofx"]


def test_period_is_searched_in_lower_cased_text() -> None:
    assert caseless(PERIOD).lowered is not None


@given(st.lists(st.sampled_from(_WORDS + _ODD), max_size=6))
def test_names_period_is_the_period_pattern(words: list[str]) -> None:
    text = " ".join(words) + "."
    assert names_period(text) == (PERIOD.search(text) is not None)


def test_names_period_reads_a_period_in_any_case() -> None:
    assert names_period("Attacks rose THROUGHOUT the country.")
    assert names_period("Attacks rose ſince the spring.")  # IGNORECASE: ſ is an s
    assert not names_period("Gunmen attacked a checkpoint on May 3.")
