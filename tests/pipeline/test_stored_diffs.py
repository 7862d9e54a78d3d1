"""A country's run reads a stored diff only when something of it must be written again: adding a
year decodes none of the country's other diffs, and one that proves damaged or of an older form
when needed is compared again."""

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from crtdiff.catalog.load import load_catalog
from crtdiff.paths import DATA_DIR
from crtdiff.pipeline.manifest import load_manifest
from crtdiff.pipeline.outcome import RunReport
from crtdiff.pipeline.plain_runner import call_in_place
from crtdiff.pipeline.run import RunScope, run_catalog
from crtdiff.pipeline.wiring import Wiring
from crtdiff.reference.bundle import Reference
from crtdiff.reports.output_paths import OutputPaths
from crtdiff.store.results import ResultStore, seal, unseal
from tests.conftest import SEED

SAMPLES = DATA_DIR / "samples" / "mali"


def _catalogue(data: Path, years: dict[int, Path]) -> None:
    """Mali's chapters of `years`, 2015 catalogued as illustrative."""
    data.mkdir(parents=True, exist_ok=True)
    lines = []
    for year, source in years.items():
        shutil.copy(source, data / f"{year}.txt")
        lines.append(f'[[report]]\ncountry = "Mali"\nyear = {year}\nsource = "{year}.txt"\n')
        lines.append("illustrative = true\n" if year == 2015 else "")
    (data / "sources.toml").write_text("".join(lines), encoding="utf-8")


def _run(tmp_path: Path, reference: Reference) -> RunReport:
    catalog = load_catalog(tmp_path / "data" / "sources.toml", reference.countries)
    scope = RunScope(tmp_path / "out", tmp_path / "store")
    wiring = Wiring(call_in_place, lambda requests: iter([]))
    return run_catalog(catalog, reference, scope, wiring)


def _count_diff_loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    loaded: list[str] = []
    load = ResultStore.load

    def counting(self: ResultStore, kind: str, key: str, model: Any) -> Any:
        if kind == "diffs":
            loaded.append(key)
        return load(self, kind, key, model)

    monkeypatch.setattr(ResultStore, "load", counting)
    return loaded


def test_adding_a_year_reads_none_of_the_country_s_stored_diffs(
    tmp_path: Path, reference: Reference, monkeypatch: pytest.MonkeyPatch
) -> None:
    _catalogue(tmp_path / "data", {2015: SAMPLES / "2015.txt", 2016: SEED})
    assert _run(tmp_path, reference).exit_code == 0
    loaded = _count_diff_loads(monkeypatch)
    _catalogue(
        tmp_path / "data", {2015: SAMPLES / "2015.txt", 2016: SEED, 2017: SAMPLES / "2017.txt"}
    )
    run = _run(tmp_path, reference)
    assert run.exit_code == 0, [o.reason for o in run.rejected]
    assert loaded == []
    assert (run.work.compared, run.work.compare_cached) == (1, 1)
    kept = next(o for o in run.comparisons if o.key == "Mali:2015-2016")
    assert kept.cached and kept.illustrative  # as its diff says, without reading it
    new = next(o for o in run.comparisons if o.key == "Mali:2016-2017")
    assert not new.cached and not new.illustrative
    assert (
        tmp_path / "out" / OutputPaths.pair_file("Mali", 2016, 2017, "country", "json")
    ).is_file()


def _main_section(path: Path, damage: Callable[[bytes], bytes]) -> None:
    """Damage the diff of a stored file, its attached timeline parts left intact."""
    stored = path.read_bytes()
    head, rest = stored.split(b"\n", 1)
    first, second = (int(n) for n in head.split(b" ")[1:])
    diff, parts = rest[:first], rest[first : first + second]
    assert unseal(parts) is not None
    path.write_bytes(
        b"".join([b"crtdiff-results %d %d\n" % (len(damage(diff)), second), damage(diff), parts])
    )


def _other_form(sealed: bytes) -> bytes:
    """A diff intact on disk but not of this version's form."""
    return seal(b'{"country":"Mali"}')


@pytest.mark.parametrize(
    "damage",
    [lambda b: b[:-1] + b" ", _other_form],
    ids=["damaged", "of another form"],
)
@pytest.mark.parametrize("output", ["json", "html"])
def test_a_stored_diff_needed_and_found_unusable_is_compared_again(
    tmp_path: Path, reference: Reference, damage: Callable[[bytes], bytes], output: str
) -> None:
    _catalogue(tmp_path / "data", {2015: SAMPLES / "2015.txt", 2016: SEED})
    assert _run(tmp_path, reference).exit_code == 0
    out = tmp_path / "out"
    written = out / OutputPaths.pair_file("Mali", 2015, 2016, "country", output)
    before = written.read_bytes()
    key = load_manifest(out).pairs["Mali:2015-2016"]["report_key"]
    stored = tmp_path / "store" / "diffs" / f"{key}.json"
    _main_section(stored, damage)
    written.unlink()  # the pair's output must be written again: its diff is needed
    # A new year: the country runs again, its pair 2015-2016 taken as stored.
    _catalogue(
        tmp_path / "data", {2015: SAMPLES / "2015.txt", 2016: SEED, 2017: SAMPLES / "2017.txt"}
    )
    run = _run(tmp_path, reference)
    assert run.exit_code == 0, [(o.key, o.reason) for o in run.rejected]
    assert written.read_bytes() == before
    assert (run.work.compared, run.work.compare_cached) == (2, 0)
    assert ResultStore(tmp_path / "store").intact("diffs", key)
