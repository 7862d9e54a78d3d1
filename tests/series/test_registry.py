"""The series registry: every series of series.csv, each plugin checked to exist up front and
imported only when its logic is first asked for."""

import subprocess
import sys
from pathlib import Path

import pytest

from crtdiff.errors import ConfigError
from crtdiff.reference.series import SERIES_DIR
from crtdiff.series.registry import load_series


def test_a_series_without_a_plugin_is_refused_when_the_series_are_loaded(tmp_path: Path) -> None:
    for source in SERIES_DIR.glob("*.csv"):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    with (tmp_path / "series.csv").open("a", encoding="utf-8") as handle:
        handle.write("tip,Trafficking in Persons Report,TIP,TIP {year}: {country},TIP,,tip,\n")
    with pytest.raises(ConfigError, match=r"series 'tip' has no plugin crtdiff/series/tip\.py"):
        load_series(tmp_path)


def test_pages_and_citations_need_no_plugin_and_the_plugin_comes_on_first_use() -> None:
    # A new process: the test session has imported the plugins long since.
    script = (
        "import sys\n"
        "from crtdiff.series.registry import load_series, series_named\n"
        "from crtdiff.reports.citation import Citation\n"
        "crt = series_named('crt')\n"
        "print(crt.definition.title, Citation.report.fget is not None)\n"
        "assert not {'crtdiff.series.crt', 'crtdiff.series.hrr'} & set(sys.modules), 'imported'\n"
        "assert crt.plugin is series_named(None).plugin\n"
        "assert 'crtdiff.series.crt' in sys.modules and 'crtdiff.series.hrr' not in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Country Reports on Terrorism")
