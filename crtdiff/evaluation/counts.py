"""Precision/recall counts and the score of one chapter or of the whole gold set."""

from dataclasses import dataclass, field


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


def _merge(into: dict[str, Counts], other: dict[str, Counts]) -> None:
    for name, counts in other.items():
        into.setdefault(name, Counts()).add(counts)


@dataclass
class Score:
    """Scores of one chapter or of the whole set."""

    sets: dict[str, Counts] = field(default_factory=dict)
    """groups, organisations, incidents, referenced_incidents, aggregate_tolls, legal_measures."""
    fields: dict[str, Counts] = field(default_factory=dict)
    """Per-field agreement on matched items (incident fields, legal status and date): tp = agree."""
    classes: dict[str, Counts] = field(default_factory=dict)
    """One row per class of issue 10 (tolls, attacks, dates, places, groups, legal, metadata,
    furniture, headline...): see tests/fixtures/gold/README.md for what each counts."""
    misses: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        """Accumulate another chapter's score."""
        _merge(self.sets, other.sets)
        _merge(self.fields, other.fields)
        _merge(self.classes, other.classes)
        self.misses.extend(other.misses)

    def count(self, name: str, counts: Counts) -> None:
        """Add counts to one class row."""
        self.classes.setdefault(name, Counts()).add(counts)
