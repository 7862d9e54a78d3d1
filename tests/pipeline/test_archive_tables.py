"""The archive's data tables written by a child process: the same bytes as in process, and its
failures raised in the parent as they would have been there (a damaged country, an environment
failure, a bug), or stopped without touching the tables already written."""

import errno
import tempfile
from pathlib import Path

import pytest

from crtdiff.errors import WorkspaceError
from crtdiff.paths import DATA_DIR
from crtdiff.pipeline.archive_tables import (
    TablesBuild,
    TablesHere,
    start_tables,
    write_tables_of,
)
from crtdiff.pipeline.boundary import capture_environment
from crtdiff.pipeline.manifest import load_manifest
from crtdiff.pipeline.stored_parts import DAMAGED, DamagedSummaryError
from crtdiff.store.results import ResultStore
from tests.conftest import SEED
from tests.plain_site import Chapter, build_site

pytestmark = pytest.mark.integration  # a child process per test


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[ResultStore, dict[str, str]]:
    """A built site's store and country keys (the child's job files go in tmp_path)."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    chapters = [
        Chapter("Mali", 2015, DATA_DIR / "samples" / "mali" / "2015.txt", illustrative=True),
        Chapter("Mali", 2016, SEED),
    ]
    out, report = build_site(tmp_path, chapters)
    assert report.exit_code == 0, report.entries
    return ResultStore(tmp_path / "store"), dict(load_manifest(out).countries)


def _child(store: ResultStore, keys: dict[str, str], folder: Path) -> TablesBuild:
    build = start_tables(store, keys, folder, child_from_bytes=0)
    assert isinstance(build, TablesBuild)
    return build


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _jobs(tmp_path: Path) -> list[Path]:
    return list(tmp_path.glob("crtdiff-tables-*.json"))


def test_the_child_writes_the_tables_the_process_would(
    site: tuple[ResultStore, dict[str, str]], tmp_path: Path
) -> None:
    store, keys = site
    write_tables_of(store, keys, tmp_path / "here")
    _child(store, keys, tmp_path / "child").finish()
    written = _files(tmp_path / "child")
    assert {"incidents.csv", "incidents.parquet", "changes.csv"} <= written.keys()
    assert written == _files(tmp_path / "here")
    assert not _jobs(tmp_path)


def test_small_tables_are_written_in_process(
    site: tuple[ResultStore, dict[str, str]], tmp_path: Path
) -> None:
    store, keys = site
    write_tables_of(store, keys, tmp_path / "here")
    build = start_tables(store, keys, tmp_path / "small")
    assert isinstance(build, TablesHere)
    assert not (tmp_path / "small").exists()  # written when finished, after the pages
    build.finish()
    assert _files(tmp_path / "small") == _files(tmp_path / "here")


def test_a_damaged_table_is_the_country_s_one_line_error(
    site: tuple[ResultStore, dict[str, str]], tmp_path: Path
) -> None:
    store, keys = site
    blob = tmp_path / "store" / "summaries" / f"{keys['Mali']}.groups.arrow"
    blob.write_bytes(blob.read_bytes()[:-30])
    build = _child(store, keys, tmp_path / "child")
    with pytest.raises(DamagedSummaryError) as caught:
        build.finish()
    assert caught.value.countries == ["Mali"]  # so that the run rebuilds it
    assert (caught.value.source, caught.value.problem) == ("Mali", DAMAGED)
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "child" / "groups.csv").exists()


def test_an_unwritable_folder_is_an_environment_failure(
    site: tuple[ResultStore, dict[str, str]], tmp_path: Path
) -> None:
    store, keys = site
    (tmp_path / "a-file").write_text("not a folder")
    build = _child(store, keys, tmp_path / "a-file" / "data")
    failure = capture_environment(build.finish)
    assert isinstance(failure, WorkspaceError), failure
    assert "a-file" in str(failure) and "\n" not in str(failure)
    with pytest.raises(OSError) as caught:
        _child(store, keys, tmp_path / "a-file" / "data").finish()
    assert caught.value.errno == errno.ENOTDIR


def test_a_bug_in_the_child_is_raised_with_its_last_line(
    site: tuple[ResultStore, dict[str, str]], tmp_path: Path
) -> None:
    store, keys = site
    # Sealed, so it passes the store's check, but not Arrow: only a bug could have stored it.
    store.save_bytes("summaries", keys["Mali"], "tolls.arrow", b"not an arrow file")
    with pytest.raises(RuntimeError, match=r"exit status 1\): pyarrow.*ArrowInvalid"):
        _child(store, keys, tmp_path / "child").finish()
    assert not _jobs(tmp_path)


def test_a_cancelled_child_leaves_the_tables_written_before(
    site: tuple[ResultStore, dict[str, str]], tmp_path: Path
) -> None:
    store, keys = site
    folder = tmp_path / "child"
    _child(store, keys, folder).finish()
    before = _files(folder)
    store.save_bytes("summaries", keys["Mali"], "tolls.arrow", b"not an arrow file")
    build = _child(store, keys, folder)
    build.cancel()
    assert build.process.returncode is not None
    assert _files(folder) == before
    assert not _jobs(tmp_path)
    build.cancel()  # once stopped, nothing more to do


def test_the_child_loads_neither_pandas_nor_the_schemas(
    site: tuple[ResultStore, dict[str, str]], tmp_path: Path
) -> None:
    """Each is a fifth of a second of a child started on every run that writes the index."""
    import json
    import subprocess
    import sys

    store, keys = site
    job = tmp_path / "job.json"
    job.write_text(json.dumps({"store": str(store.root), "keys": keys, "folder": str(tmp_path)}))
    code = (
        "import sys\n"
        "from crtdiff.pipeline.archive_tables import child_main\n"
        f"assert child_main({str(job)!r}) == 0\n"
        "heavy = {'pandas', 'crtdiff.schemas', 'crtdiff.pipeline.settle', 'jinja2'}\n"
        "loaded = sorted(heavy & set(sys.modules))\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    assert (tmp_path / "incidents.parquet").is_file()


def test_a_child_that_does_not_answer_is_stopped_as_an_environment_failure(
    site: tuple[ResultStore, dict[str, str]], tmp_path: Path
) -> None:
    store, keys = site
    build = _child(store, keys, tmp_path / "child")
    with pytest.raises(
        WorkspaceError, match=r"data tables were not written \(no answer in"
    ) as caught:
        build.finish(timeout=0.001)  # the child is still starting (a fifth of a second)
    assert str(tmp_path / "child") in str(caught.value)
    assert build.process.returncode is not None
    assert not _jobs(tmp_path)
