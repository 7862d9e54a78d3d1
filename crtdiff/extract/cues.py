"""Many cue words found in one pass (an Aho-Corasick automaton): the cheap test that spares most
sentences the regular expressions of the rules."""

from collections.abc import Iterable
from typing import Any

import ahocorasick


def cue_automaton(cues: Iterable[str]) -> Any:
    """An automaton of the cues (lower case), ready to search."""
    automaton = ahocorasick.Automaton()
    for cue in cues:
        automaton.add_word(cue, cue)
    automaton.make_automaton()
    return automaton


def cues_in(automaton: Any, text: str) -> set[str]:
    """Every cue the text holds, overlapping ones included."""
    if not text:
        return set()
    return {cue for _, cue in automaton.iter(text)}
