"""Score extraction against hand-labelled gold files (tests/fixtures/gold/*.json)."""

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from crtdiff.text.normalize import match_key
from schemas import CountryReport

Gold = dict[str, Any]
INCIDENT_FIELDS = (
    "date_precision",
    "date_end",
    "place",
    "country",
    "kind",
    "target",
    "perpetrators",
    "attribution",
    "killed_min",
    "wounded_min",
    "kidnapped_min",
)


@dataclass
class Counts:
    """True positives, false positives, false negatives, and precision/recall/F1 from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        """Accumulate another chapter's counts (micro-averaging)."""
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        """Share of predictions that are right (1.0 when nothing was predicted)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of gold items found (1.0 when there was nothing to find)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    """Scores of one chapter or of the whole set."""

    sets: dict[str, Counts] = field(default_factory=dict)
    """groups, organisations, incidents, referenced_incidents, aggregate_tolls, legal_measures."""
    fields: dict[str, Counts] = field(default_factory=dict)
    """Per-field agreement on matched items (incident fields, legal status and date): tp = agree."""
    misses: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        """Accumulate another chapter's score."""
        for name, counts in other.sets.items():
            self.sets.setdefault(name, Counts()).add(counts)
        for name, counts in other.fields.items():
            self.fields.setdefault(name, Counts()).add(counts)
        self.misses.extend(other.misses)


def _set_counts(predicted: Iterable[str], gold: Iterable[str]) -> Counts:
    p, g = set(predicted), set(gold)
    return Counts(len(p & g), len(p - g), len(g - p))


def _same_place(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is b
    return fuzz.token_set_ratio(match_key(a), match_key(b)) >= 80


def _match(
    predicted: Sequence[dict[str, Any]],
    gold: Sequence[dict[str, Any]],
    same: Callable[[dict[str, Any], dict[str, Any]], bool],
) -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], Counts]:
    """Greedy one-to-one matching in gold order."""
    free = list(predicted)
    pairs = []
    for g in gold:
        hit = next((p for p in free if same(p, g)), None)
        if hit is not None:
            free.remove(hit)
            pairs.append((hit, g))
    return pairs, Counts(len(pairs), len(free), len(gold) - len(pairs))


def _starts(item: dict[str, Any], gold: dict[str, Any]) -> bool:
    return str(item["evidence"]["sentence"]).startswith(str(gold["evidence_starts"]))


def _incident_same(p: dict[str, Any], g: dict[str, Any]) -> bool:
    return p["date"] == g["date"] and (_same_place(p["place"], g["place"]) or _starts(p, g))


def _field_agrees(name: str, p: dict[str, Any], g: dict[str, Any]) -> bool:
    if name == "place":
        return _same_place(p[name], g[name])
    if name == "perpetrators":
        return set(p[name]) == set(g[name])
    return bool(p[name] == g[name])


def score_report(report: CountryReport, gold: Gold) -> Score:
    """Compare one extracted report with its gold file."""
    data = report.model_dump(mode="json")
    score = Score()
    score.sets["groups"] = _set_counts((g["id"] for g in data["groups"]), gold["groups"])
    score.sets["organisations"] = _set_counts(
        (o["id"] for o in data["organisations"]), gold["organisations"]
    )
    pairs, score.sets["incidents"] = _match(data["incidents"], gold["incidents"], _incident_same)
    for name in INCIDENT_FIELDS:
        agree = sum(1 for p, g in pairs if _field_agrees(name, p, g))
        score.fields[f"incident.{name}"] = Counts(agree, 0, len(pairs) - agree)
        score.misses += [
            f"{report.country} {report.year} {g['date']} {name}: got {p[name]!r}, gold {g[name]!r}"
            for p, g in pairs
            if not _field_agrees(name, p, g)
        ]
    ref_pairs, score.sets["referenced_incidents"] = _match(
        data["referenced_incidents"],
        gold["referenced_incidents"],
        lambda p, g: p["date"] == g["date"],
    )
    where = f"{report.country} {report.year}"
    matched_ref = [id(g) for _, g in ref_pairs]
    score.misses += [
        f"{where} referenced missed: {g['date']} {g['evidence_starts']!r}"
        for g in gold["referenced_incidents"]
        if id(g) not in matched_ref
    ]
    _, score.sets["aggregate_tolls"] = _match(
        data["aggregate_tolls"], gold["aggregate_tolls"], _starts
    )
    legal_pairs, score.sets["legal_measures"] = _match(
        data["legal_measures"],
        gold["legal_measures"],
        lambda p, g: p["kind"] == g["kind"] and _starts(p, g),
    )
    matched_legal = [id(g) for _, g in legal_pairs]
    score.misses += [
        f"{where} legal missed: {g['kind']} {g['evidence_starts']!r}"
        for g in gold["legal_measures"]
        if id(g) not in matched_legal
    ]
    found = [id(p) for p, _ in legal_pairs]
    score.misses += [
        f"{where} legal extra: {p['kind']} {p['evidence']['sentence'][:40]!r}"
        for p in data["legal_measures"]
        if id(p) not in found
    ]
    for name in ("status", "date"):
        agree = sum(1 for p, g in legal_pairs if p[name] == g[name])
        score.fields[f"legal.{name}"] = Counts(agree, 0, len(legal_pairs) - agree)
    return score


def load_gold(folder: Path) -> list[tuple[Path, Gold]]:
    """Every gold file of a folder, sorted by name."""
    return [(p, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(folder.glob("*.json"))]
