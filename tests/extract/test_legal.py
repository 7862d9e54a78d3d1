"""Legal-measure triggers: the cheap cue test in front of them never hides a measure."""

import re
from pathlib import Path

import pytest

from crtdiff.extract.legal import RULES, Rule, cued_rules
from crtdiff.paths import DATA_DIR
from crtdiff.text.sentences import sentence_spans
from tests.conftest import FIXTURES

ANY_TRIGGER = re.compile("|".join(f"(?:{rule.trigger.pattern})" for rule in RULES), re.I)
CHAPTERS = sorted((FIXTURES / "chapters").glob("*.txt")) + sorted(DATA_DIR.rglob("*.txt"))


def _sentences(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_trigger_hit_has_its_rules_cue(path: Path) -> None:
    sentences = _sentences(path)
    assert any(ANY_TRIGGER.search(s) for s in sentences), f"{path.name}: no trigger at all"
    for rule in RULES:
        missed = [s for s in sentences if rule.trigger.search(s) and rule not in cued_rules(s)]
        assert missed == [], rule.kind


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
    triggered = [rule for rule in RULES if rule.trigger.search(sentence)]
    assert triggered
    assert all(rule in cued_rules(sentence) for rule in triggered)


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen attacked a village near the border.",
        "The Government of Mali remained a willing partner.",
    ],
)
def test_sentences_without_a_cue_are_not_triggers(sentence: str) -> None:
    assert cued_rules(sentence) == [] and not ANY_TRIGGER.search(sentence)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.kind.value)
def test_every_cue_is_part_of_its_trigger(rule: Rule) -> None:
    pattern = rule.trigger.pattern.lower()
    assert rule.cues and all(cue in pattern for cue in rule.cues)


def test_overlapping_cues_are_all_found() -> None:
    kinds = {rule.kind.value for rule in cued_rules("MOUNIT")}  # "mou" and "unit" share a "u"
    assert kinds == {"agreement", "unit"}
