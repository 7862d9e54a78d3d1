"""Topic terms for headless eras (data/reference/section_topics.csv) and paragraph scoring."""

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from crtdiff.errors import ConfigError
from crtdiff.paths import REFERENCE_DIR
from crtdiff.reference.headings import CANONICAL_KEYS

TOPICS_FILE = REFERENCE_DIR / "section_topics.csv"
_COLUMNS = ["key", "term", "weight"]


@dataclass(frozen=True)
class TopicTerm:
    """One row: a term (word prefix) that hints at a section, and its weight."""

    key: str
    term: str
    weight: int
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class TopicTerms:
    """All topic terms of the table."""

    terms: tuple[TopicTerm, ...]

    def scores(self, text: str) -> dict[str, int]:
        """Weighted count of term occurrences per section key."""
        totals = dict.fromkeys(CANONICAL_KEYS, 0)
        for t in self.terms:
            totals[t.key] += t.weight * len(t.pattern.findall(text))
        return totals


@lru_cache(maxsize=4)
def load_topics(path: Path = TOPICS_FILE) -> TopicTerms:
    """Read and validate the topic terms table."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames != _COLUMNS:
                raise ConfigError(str(path), f"columns must be {', '.join(_COLUMNS)}")
            rows = list(enumerate(reader, start=2))
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read topics table ({exc.strerror})") from exc
    terms: list[TopicTerm] = []
    for line, row in rows:
        where = f"{path.name} line {line}"
        if row["key"] not in CANONICAL_KEYS:
            raise ConfigError(where, f"unknown section key {row['key']!r}")
        if not row["weight"].isdigit() or not row["term"].strip():
            raise ConfigError(where, "term must be non-empty and weight a positive integer")
        term, weight = row["term"].strip(), int(row["weight"])
        # Terms are word prefixes ("kidnap" matches "kidnapped"); all-caps terms match case.
        flags = 0 if term.isupper() else re.IGNORECASE
        pattern = re.compile(r"\b" + re.escape(term), flags)
        terms.append(TopicTerm(row["key"], term, weight, pattern))
    return TopicTerms(tuple(terms))
