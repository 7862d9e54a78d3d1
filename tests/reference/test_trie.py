"""The trie pattern matches exactly the words it was built from, the longest first."""

import re

from crtdiff.reference.trie import trie_pattern


def test_trie_matches_the_words_and_prefers_the_longest() -> None:
    words = ["Niger", "Nigeria", "Niger Delta", "Nigerien", "Mali", "N’Djamena", "a.b"]
    pattern = re.compile(rf"(?<!\w)(?:{trie_pattern(words)})(?!\w)")
    text = "Niger, Nigeria and the Niger Delta; Nigerien troops in N’Djamena and Mali; axb a.b."
    assert [m.group(0) for m in pattern.finditer(text)] == [
        "Niger",
        "Nigeria",
        "Niger Delta",
        "Nigerien",
        "N’Djamena",
        "Mali",
        "a.b",
    ]
    assert pattern.fullmatch("Nige") is None and trie_pattern([]) == ""
