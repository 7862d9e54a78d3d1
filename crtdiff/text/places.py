"""Whether two place phrases name one place: shared by extraction, comparison and scoring."""

from rapidfuzz import fuzz

from crtdiff.text.normalize import match_key

PLACE_MATCH = 80
"""Least token-set similarity (0-100) of two place names to be the same place."""


def same_place(a: str | None, b: str | None) -> bool:
    """Whether two place phrases name one place ("Gao", "Gao city"; "Radisson", "Radisson Blu");
    two missing places are the same, a missing one and a named one are not."""
    if a is None or b is None:
        return a is None and b is None
    return fuzz.token_set_ratio(match_key(a), match_key(b)) >= PLACE_MATCH
