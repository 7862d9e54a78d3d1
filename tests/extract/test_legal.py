"""Legal-measure triggers: the cheap cue test in front of them never hides a measure."""

from pathlib import Path

import pytest

from crtdiff.extract.legal import ANY_TRIGGER, CUES, RULES, has_cue
from crtdiff.paths import DATA_DIR
from crtdiff.text.sentences import sentence_spans
from tests.conftest import FIXTURES

CHAPTERS = sorted((FIXTURES / "chapters").glob("*.txt")) + sorted(DATA_DIR.rglob("*.txt"))


def _sentences(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_trigger_hit_has_a_cue(path: Path) -> None:
    hits = [s for s in _sentences(path) if ANY_TRIGGER.search(s)]
    assert hits, f"{path.name}: no legal trigger at all (the test would prove nothing)"
    assert [s for s in hits if not has_cue(s)] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The National Assembly declared a state of siege in the north.",
        "A court convicted three men of terrorism.",
        "Five suspects were found guilty in March.",
        "The government adopted its national action plan.",
        "Parliament amended the Penal Codes in May.",
        "The president signed a decree creating the unit.",
        "Mali signed a memorandum of understanding with Niger.",
        "The MOU was signed in June.",
        "The ministry froze the group's assets.",
        "An asset-freezing regime was established.",
        "The bill was passed in October.",
        "A joint task force was set up.",
        "The judicial pole was created in 2013.",
    ],
)
def test_each_kind_of_trigger_passes_the_cue_test(sentence: str) -> None:
    assert ANY_TRIGGER.search(sentence)
    assert has_cue(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen attacked a village near the border.",
        "The Government of Mali remained a willing partner.",
    ],
)
def test_sentences_without_a_cue_are_not_triggers(sentence: str) -> None:
    assert not has_cue(sentence) and not ANY_TRIGGER.search(sentence)


def test_every_rule_is_reachable_through_a_cue() -> None:
    for rule in RULES:
        words = rule.trigger.pattern.lower()
        assert any(cue in words for cue in CUES), rule.kind
