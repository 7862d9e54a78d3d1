"""Every topic term is valid, and used: it occurs in at least one chapter the tests know."""

from pathlib import Path

import pytest

from crtdiff.errors import ConfigError
from crtdiff.paths import DATA_DIR
from crtdiff.reference.topics import TopicTerm, load_topics
from tests.conftest import FIXTURES, SEED

CHAPTERS = [
    SEED,
    *sorted((FIXTURES / "chapters").glob("*.txt")),
    *sorted((DATA_DIR / "samples").glob("*/*.txt")),
]
CORPUS = "\n".join(p.read_text(encoding="utf-8") for p in CHAPTERS)


@pytest.mark.parametrize("term", load_topics().terms, ids=lambda t: f"{t.key}-{t.term}")
def test_each_term_is_used(term: TopicTerm) -> None:
    assert term.pattern.search(CORPUS), f"topic term {term.term!r} ({term.key}) matches nothing"


def test_bad_weight_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("key,term,weight\nincidents,attack,heavy\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="weight a positive integer"):
        load_topics(path)
