"""The README documents every command, every reference table and every data table."""

import re

import pytest

from crtdiff.cli import app
from crtdiff.paths import PROJECT_ROOT, REFERENCE_DIR
from crtdiff.reports.tables import TABLES

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented(command: str) -> None:
    assert f"crtdiff {command}" in README


@pytest.mark.parametrize("table", sorted(p.name for p in REFERENCE_DIR.glob("*.csv")))
def test_every_reference_table_is_documented(table: str) -> None:
    assert f"data/reference/{table}" in README


@pytest.mark.parametrize("table", TABLES)
def test_every_data_table_is_documented(table: str) -> None:
    assert re.search(rf"`{table}`", README), table


def test_the_two_commands() -> None:
    assert "make run" in README and "make test" in README
