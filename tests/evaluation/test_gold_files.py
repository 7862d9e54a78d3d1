"""Every gold file is valid: known fields and vocabulary, ids in the reference tables, evidence
found verbatim in its chapter, furniture present on its page, pair totals equal to the chapters'.
The per-file checks run on both answer keys: the tuned gold set (tests/fixtures/gold/) and the
held-out set (tests/fixtures/heldout/), which follows the same format and conventions."""

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from crtdiff.evaluation import Gold, load_gold, load_pairs, page_text
from crtdiff.evaluation.gold import (
    CLASSES,
    LEGAL_KINDS,
    LEGAL_STATUSES,
    NOT_INCIDENT_REASONS,
    fold_space,
)
from crtdiff.paths import PROJECT_ROOT
from crtdiff.reference.bundle import Reference
from crtdiff.schemas import Attribution, DatePrecision, IncidentKind, Target, TollFlag
from tests.conftest import FIXTURES

GOLD_DIR = FIXTURES / "gold"
HELDOUT_DIR = FIXTURES / "heldout"
GOLD = load_gold(GOLD_DIR)
HELDOUT = load_gold(HELDOUT_DIR)
PAIRS = load_pairs(GOLD_DIR)
KEYS = GOLD + HELDOUT
"""Every answer key of both folders: the per-file checks below are the same for each."""
CHAPTER_KEYS = {"chapter", "country", "year", "groups", "groups_not_in_gazetteer"} | {
    "organisations",
    "incidents",
    "referenced_incidents",
    "aggregate_tolls",
    "legal_measures",
}
OPTIONAL_KEYS = {"labelled", "classes", "source_uri", "metadata", "wrong_requests", "sections"} | {
    "furniture_absent",
    "body_contains",
    "not_groups",
    "not_incidents",
}
INCIDENT_KEYS = {"date", "date_end", "date_precision", "place", "country", "kind", "target"} | {
    "perpetrators",
    "attribution",
    "killed_min",
    "wounded_min",
    "kidnapped_min",
    "evidence_starts",
}
SECTION_KEYS = ("overview", "incidents", "legislation", "financing", "violent_extremism")
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
TOLLS = ("killed_min", "wounded_min", "kidnapped_min")


def _values(enum: Any) -> set[str]:
    return {member.value for member in enum}


def _ids(gold: list[tuple[Path, Gold]]) -> list[str]:
    return [f"{path.parent.name}/{path.stem}" for path, _ in gold]


@pytest.mark.parametrize(("path", "gold"), KEYS, ids=_ids(KEYS))
def test_fields_and_vocabulary(path: Path, gold: Gold, reference: Reference) -> None:
    assert CHAPTER_KEYS <= gold.keys() <= CHAPTER_KEYS | OPTIONAL_KEYS, path.name
    assert reference.countries.resolve(gold["country"]) is not None
    assert all(reference.gazetteer.group(g) for g in gold["groups"]), gold["groups"]
    assert len(set(gold["groups"])) == len(gold["groups"])
    assert all(o in reference.gazetteer.entries for o in gold["organisations"])
    assert set(gold.get("classes", [])) <= set(CLASSES)
    assert set(gold.get("sections", [])) <= {*SECTION_KEYS, "cooperation"}
    for incident in gold["incidents"]:
        assert incident.keys() >= INCIDENT_KEYS, incident
        assert incident["date"].startswith(str(gold["year"])), incident["date"]
        assert ISO_DATE.match(incident["date"]) and (
            incident["date_end"] is None or ISO_DATE.match(incident["date_end"])
        )
        assert incident["date_precision"] in _values(DatePrecision)
        assert incident["kind"] in _values(IncidentKind)
        assert incident["target"] in _values(Target)
        assert incident["attribution"] in _values(Attribution)
        assert set(incident.get("toll_flags", [])) <= _values(TollFlag)
        assert all(reference.gazetteer.group(g) for g in incident["perpetrators"])
        assert set(incident["perpetrators"]) <= set(gold["groups"]), incident["perpetrators"]
        assert all(incident[t] is None or incident[t] >= 0 for t in TOLLS)
        assert incident.get("section") in (None, *SECTION_KEYS, "cooperation")
    for measure in gold["legal_measures"]:
        assert measure["kind"] in LEGAL_KINDS, measure
        assert measure["status"] is None or measure["status"] in LEGAL_STATUSES, measure
        assert measure["date"] is None or ISO_DATE.match(measure["date"])
    assert {t["why"] for t in gold.get("not_incidents", [])} <= set(NOT_INCIDENT_REASONS)


@pytest.mark.parametrize(("path", "gold"), KEYS, ids=_ids(KEYS))
def test_evidence_is_verbatim_in_the_chapter(path: Path, gold: Gold) -> None:
    text = page_text(PROJECT_ROOT / gold["chapter"])
    lists = ("incidents", "referenced_incidents", "aggregate_tolls", "legal_measures")
    starts = [i["evidence_starts"] for key in lists for i in gold[key]]
    starts += [t["evidence_starts"] for t in gold.get("not_incidents", [])]
    missing = [s for s in starts if fold_space(s) not in text]
    assert missing == [], f"{path.name}: not in {gold['chapter']}"


@pytest.mark.parametrize(("path", "gold"), KEYS, ids=_ids(KEYS))
def test_furniture_strings_are_on_the_page(path: Path, gold: Gold) -> None:
    text = page_text(PROJECT_ROOT / gold["chapter"])
    absent = [s for s in gold.get("furniture_absent", []) if fold_space(s) not in text]
    assert absent == [], f"{path.name}: furniture not on the page, so its check would be vacuous"


def test_new_gold_files_say_they_were_labelled_before_extraction() -> None:
    new = [gold for _, gold in GOLD if "classes" in gold]
    assert len(GOLD) >= 20 and len(new) >= 14
    assert all("before crtdiff was run" in gold["labelled"] for gold in new)
    assert all(gold.get("source_uri") and gold.get("metadata") for gold in new)


def test_heldout_files_say_they_were_labelled_before_extraction_and_never_tuned_on() -> None:
    assert len(HELDOUT) >= 8 and all("classes" in gold for _, gold in HELDOUT)
    assert all("before crtdiff was run" in gold["labelled"] for _, gold in HELDOUT)
    assert all("never to be used for tuning" in gold["labelled"] for _, gold in HELDOUT)
    assert all(gold.get("source_uri") and gold.get("metadata") for _, gold in HELDOUT)
    assert all(gold["chapter"].startswith("tests/fixtures/heldout/") for _, gold in HELDOUT)
    assert not {p.stem for p, _ in HELDOUT} & {p.stem for p, _ in GOLD}


def test_every_class_of_issue_10_is_covered_twice() -> None:
    covered = Counter(c for _, gold in GOLD for c in gold.get("classes", []))
    assert {c: covered[c] for c in CLASSES if covered[c] < 2} == {}
    assert sum(len(g.get("wrong_requests", [])) > 0 for _, g in GOLD) >= 2
    assert len(PAIRS) >= 2


def _total(incidents: list[dict[str, Any]], toll: str) -> int | None:
    given = [i[toll] for i in incidents if i[toll] is not None]
    return sum(given) if given else None


@pytest.mark.parametrize(("path", "pair"), PAIRS, ids=_ids(PAIRS))
def test_pair_file_agrees_with_its_chapters(path: Path, pair: Gold, reference: Reference) -> None:
    chapters = {p.stem: g for p, g in GOLD}
    old, new = chapters[pair["old"]], chapters[pair["new"]]
    assert path.stem == f"{pair['old']}--{pair['new']}"
    assert old["country"] == new["country"] and new["year"] == old["year"] + 1
    expected = pair["incidents"]
    assert (expected["old_count"], expected["new_count"]) == (
        len(old["incidents"]),
        len(new["incidents"]),
    )
    for toll in TOLLS:
        assert expected[toll] == {
            "old": _total(old["incidents"], toll),
            "new": _total(new["incidents"], toll),
        }, toll
    groups = pair["groups"]
    assert set(groups["added"]) == set(new["groups"]) - set(old["groups"])
    assert set(groups["removed"]) <= set(old["groups"]) - set(new["groups"])
    for member in groups["members_of_named_umbrella"]:
        entry = reference.gazetteer.group(member)
        assert entry is not None and member in old["groups"] and member not in new["groups"]
        assert entry.merged_into in new["groups"], f"{member}: its umbrella is not named"
    for pattern in pair["headline"]["must"] + pair["headline"]["must_not"]:
        re.compile(pattern, re.IGNORECASE)
