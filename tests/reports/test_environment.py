"""The templates' environment: compiled templates are kept on disk for the next process, a
stale compiled copy is never used, and a loaded template is not checked on disk again."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from jinja2 import FileSystemBytecodeCache, FileSystemLoader

from crtdiff.reports.environment import environment

PROJECT = Path(__file__).parents[2]


def _compiled_files(cache: FileSystemBytecodeCache) -> set[str]:
    return {p.name for p in Path(cache.directory).glob("__jinja2_*.cache")}


def test_a_new_process_finds_the_templates_compiled() -> None:
    cache = environment().bytecode_cache
    assert isinstance(cache, FileSystemBytecodeCache)
    code = (
        "from crtdiff.reports.environment import environment; "
        "environment().get_template('pair.html.j2')"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=PROJECT)
    before = _compiled_files(cache)
    assert before  # the first process left its compiled templates
    subprocess.run([sys.executable, "-c", code], check=True, cwd=PROJECT)
    assert _compiled_files(cache) == before


def test_a_changed_template_is_compiled_again(tmp_path: Path) -> None:
    cache = FileSystemBytecodeCache(str(tmp_path))
    env = environment().overlay(bytecode_cache=cache)
    template = tmp_path / "t.html.j2"
    template.write_text("old {{ x }}", encoding="utf-8")
    loader = FileSystemLoader(tmp_path)
    first = env.overlay(loader=loader)
    assert first.get_template("t.html.j2").render(x=1) == "old 1"
    template.write_text("new {{ x }}", encoding="utf-8")
    second = environment().overlay(bytecode_cache=cache, loader=loader)
    assert second.get_template("t.html.j2").render(x=1) == "new 1"


def test_a_loaded_template_is_not_looked_up_on_disk_again(monkeypatch: pytest.MonkeyPatch) -> None:
    env = environment()
    env.get_template("pair.html.j2")
    asked: list[str] = []
    real = os.path.getmtime

    def getmtime(path: str) -> float:
        asked.append(path)
        return real(path)

    monkeypatch.setattr(os.path, "getmtime", getmtime)
    assert env.get_template("pair.html.j2") is env.get_template("pair.html.j2")
    assert asked == []  # a page rendered costs no stat of its templates
