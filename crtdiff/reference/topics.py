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
class TopicTerms:
    """Per section key, one regex of term prefixes and their weights."""

    terms: tuple[tuple[str, str, int], ...]
    patterns: dict[str, list[tuple[re.Pattern[str], int]]]

    def scores(self, text: str) -> dict[str, int]:
        """Weighted count of term occurrences per section key."""
        return {
            key: sum(weight * len(p.findall(text)) for p, weight in patterns)
            for key, patterns in self.patterns.items()
        }


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
    terms: list[tuple[str, str, int]] = []
    patterns: dict[str, list[tuple[re.Pattern[str], int]]] = {k: [] for k in CANONICAL_KEYS}
    for line, row in rows:
        where = f"{path.name} line {line}"
        if row["key"] not in CANONICAL_KEYS:
            raise ConfigError(where, f"unknown section key {row['key']!r}")
        if not row["weight"].isdigit() or not row["term"].strip():
            raise ConfigError(where, "term must be non-empty and weight a positive integer")
        term, weight = row["term"].strip(), int(row["weight"])
        # Terms are word prefixes ("kidnap" matches "kidnapped"); all-caps terms match case.
        flags = 0 if term.isupper() else re.IGNORECASE
        patterns[row["key"]].append((re.compile(r"\b" + re.escape(term), flags), weight))
        terms.append((row["key"], term, weight))
    return TopicTerms(tuple(terms), patterns)
