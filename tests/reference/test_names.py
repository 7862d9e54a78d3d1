"""Name matching guards: longest match, case-sensitive acronyms, capitalised names."""

import pytest

from crtdiff.reference.bundle import Reference
from crtdiff.text.tokens import tokenize


def ids(text: str, reference: Reference) -> list[str]:
    return [h.entry_id for h in reference.names.find(tokenize(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("al-Qa'ida in the Arabian Peninsula attacked", ["aqap"]),
        ("al-Qa’ida and its affiliates", ["al-qaida"]),
        ("Jama'at Nusrat al-Islam wal-Muslimin (JNIM) formed", ["jnim", "jnim"]),
        ("Jamaat Nasr al-Islam wal Muslimin claimed it", ["jnim"]),
        ("Jama’at Nusrat al‑Islam wal‑Muslimin claimed it", ["jnim"]),
        ("AS attacked Mogadishu as expected", ["al-shabaab"]),
        ("the Islamic State claimed", ["isis"]),
        ("calls for an Islamic state in the region", []),
        ("the ISIL (Da’esh) and al-Qa’ida sanctions regime", ["unscr-1267"]),
        ("MINUSMA and Operation Barkhane", ["minusma", "operation-barkhane"]),
        # A state force, never a group or body (state_forces.csv).
        (
            "the antiterrorism unit (Forces Speciales Anti-terroristes, FORSAT)",
            ["force:forsat", "force:forsat"],
        ),
        (
            "ISIS in the Greater Sahara (ISIS-GS) and ISIS-Sahel",
            ["isis-gs", "isis-gs", "isis-sahel"],
        ),
    ],
)
def test_matches(text: str, expected: list[str], reference: Reference) -> None:
    assert ids(text, reference) == expected


def test_next_words_are_those_that_carry_on_a_form(reference: Reference) -> None:
    folded = reference.names.next_words(tokenize("fighters of the Islamic"))[1]
    assert "state" in folded  # "Islamic State"
    assert reference.names.next_words(tokenize("fighters attacked")) == (frozenset(), frozenset())
    # A form the text defines: its clone knows its words, the matcher it came from does not.
    clone = reference.names.with_forms({"Wadi Zarqa Katiba": "jnim"})
    assert "katiba" in clone.next_words(tokenize("near the Wadi Zarqa"))[1]
    assert "katiba" not in reference.names.next_words(tokenize("near the Wadi Zarqa"))[1]
