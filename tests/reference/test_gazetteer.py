"""Every group and organisation row is valid, and each of its written forms finds that row."""

from pathlib import Path

import pytest

from crtdiff.errors import ConfigError
from crtdiff.reference.bundle import Reference
from crtdiff.reference.gazetteer import GROUPS_FILE, ORGANISATIONS_FILE, Entry, load_gazetteer
from crtdiff.text.tokens import tokenize

GAZETTEER = load_gazetteer()
ENTRIES = sorted(GAZETTEER.entries.values(), key=lambda e: e.id)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_every_written_form_finds_its_row(entry: Entry, reference: Reference) -> None:
    for written in entry.names:
        hits = reference.names.find(tokenize(written))
        assert [h.entry_id for h in hits] == [entry.id], written


def test_links_point_at_groups() -> None:
    jnim_founders = {e.id for e in GAZETTEER.groups if e.merged_into == "jnim"}
    assert {
        "ansar-al-dine",
        "al-murabitoun",
        "macina-liberation-front",
        "aqim-sahara",
    } <= jnim_founders
    aqim = GAZETTEER.group("aqim")
    assert aqim is not None and aqim.renamed_from == ("gspc",)
    sahel = GAZETTEER.group("isis-sahel")
    assert sahel is not None and sahel.renamed_from == ("isis-gs",)


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("zz,Zed Group,ZG,,nope,,,,,Africa,", "links to unknown group 'nope'"),
        ("zz,Zed Group,ZG,,,,,2020-13-01,,Africa,", "not an ISO date"),
        ("zz,Zed Group,AQIM,,,,,,,Africa,", "names both"),
        ("Bad Id,Zed Group,ZG,,,,,,,Africa,", "lowercase words"),
    ],
)
def test_bad_rows_are_config_errors(row: str, problem: str, tmp_path: Path) -> None:
    groups = tmp_path / "groups.csv"
    groups.write_text(GROUPS_FILE.read_text(encoding="utf-8") + row + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=problem):
        load_gazetteer(groups, ORGANISATIONS_FILE)
