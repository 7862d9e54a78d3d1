"""Every row of state_forces.csv is valid, each of its written forms is found as that force,
and no form of a force is ever read as a terrorist group."""

import shutil
from pathlib import Path

import pytest

from crtdiff.errors import ConfigError
from crtdiff.extract.groups import find_names
from crtdiff.reference.bundle import Reference
from crtdiff.reference.state_forces import (
    KIND_TARGETS,
    STATE_FORCES_FILE,
    StateForce,
    load_state_forces,
)

FORCES = sorted(load_state_forces().forces, key=lambda f: f.id)


@pytest.mark.parametrize("force", FORCES, ids=[f.id for f in FORCES])
def test_every_written_form_finds_its_force(force: StateForce, reference: Reference) -> None:
    assert force.kind in KIND_TARGETS
    for written in force.names:
        findings = find_names(
            f"On May 3, militants attacked the {written} base.",
            reference.names,
            reference.gazetteer,
            reference.fuzzy,
        )
        found = [h.entry_id for h in findings.forces]
        found += [h.entry_id for h in findings.hits if h.entry_id == force.organisation]
        assert found == [force.organisation or force.id], written
        entries = {**reference.gazetteer.entries, **findings.text_entries}
        assert not [h for h in findings.hits if entries[h.entry_id].is_group], written


def test_defined_with_an_acronym_a_force_is_no_group(reference: Reference) -> None:
    text = (
        "The Somali National Army (SNA), the Kenya Defence Forces (KDF) and the Chadian "
        "National Army (ANT) fought al-Shabaab; Tuareg rebels, known as the Alliance for "
        "Democracy and Change (ADC), attacked Kidal."
    )
    findings = find_names(text, reference.names, reference.gazetteer, reference.fuzzy)
    assert list(findings.text_entries) == ["adc"]


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("zz,Zed Army,ZA,,navy,Mali,", "kind 'navy'"),
        ("zz,Zed Army,ZA,,military,Atlantis,", "not a name in countries.csv"),
        ("zz,Zed Army,AQIM,,military,Mali,", "names the group 'aqim'"),
        ("zz,Zed Army,KDF,,military,Mali,", "names both 'kdf' and 'zz'"),
        ("zz,,,,peacekeeping,Mali,nope", "not in organisations.csv"),
        ("zz,Zed Mission,,,peacekeeping,Mali,minusma", "takes its names from it"),
        ("zz,,,,military,Mali,", "name is empty"),
    ],
)
def test_bad_rows_are_config_errors(row: str, problem: str, tmp_path: Path) -> None:
    for name in ("countries.csv", "groups.csv", "organisations.csv"):
        shutil.copy(STATE_FORCES_FILE.parent / name, tmp_path / name)
    forces = tmp_path / "state_forces.csv"
    forces.write_text(STATE_FORCES_FILE.read_text(encoding="utf-8") + row + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=problem):
        load_state_forces(forces)
