"""The light half of the pipeline (what the up-to-date check imports) agrees with the rest."""

from pathlib import Path

from crtdiff.paths import DATA_DIR
from crtdiff.pipeline.manifest import load_manifest
from crtdiff.pipeline.settle import summary_intact
from crtdiff.pipeline.stored_parts import SUMMARY_TABLES, TABLE_NAMES
from crtdiff.store.results import ResultStore
from tests.conftest import SEED
from tests.plain_site import Chapter, build_site


def test_names_kept_here_are_those_the_renderers_use() -> None:
    from crtdiff.reports.tables import TABLES

    assert TABLE_NAMES == TABLES
    assert (
        *(f"{name}.arrow" for name in TABLES),
        *(f"{name}.csv.lz4" for name in TABLES),
    ) == SUMMARY_TABLES


def test_settling_loads_no_renderer_parser_or_prefect() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import crtdiff.pipeline.uptodate, crtdiff.run_command, crtdiff.cli\n"
        "heavy = {'prefect', 'httpx', 'pandas', 'jinja2', 'deepdiff', 'pypdfium2',\n"
        "         'crtdiff.series.registry', 'crtdiff.reference.bundle'}\n"
        "loaded = sorted(heavy & set(sys.modules))\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_a_damaged_or_missing_csv_chunk_is_made_again(tmp_path: Path) -> None:
    """A country's stored rows of CSV, which the archive's CSV joins, are rebuilt when damaged
    or missing: the archive never loses the country's rows nor writes broken bytes."""
    chapters = [
        Chapter("Mali", 2015, DATA_DIR / "samples" / "mali" / "2015.txt", illustrative=True),
        Chapter("Mali", 2016, SEED),
    ]
    out, first = build_site(tmp_path, chapters)
    assert first.exit_code == 0, first.entries
    before = {name: (out / "data" / f"{name}.csv").read_bytes() for name in ("incidents", "groups")}
    key = load_manifest(out).countries["Mali"]
    folder = tmp_path / "store" / "summaries"
    incidents, groups = (folder / f"{key}.{name}.csv.lz4" for name in ("incidents", "groups"))
    incidents.write_bytes(incidents.read_bytes()[:-20])
    groups.unlink()
    (out / "data" / "incidents.csv").unlink()  # so that the tables are written again

    out, again = build_site(tmp_path, chapters)
    assert again.exit_code == 0, again.entries
    assert again.work.countries_cached == 0  # Mali's summary and tables were made again
    assert {name: (out / "data" / f"{name}.csv").read_bytes() for name in before} == before
    assert summary_intact(ResultStore(tmp_path / "store"), key)


def test_a_data_table_or_the_explorers_data_deleted_is_written_again(tmp_path: Path) -> None:
    """Deleting one of the archive's files (a user tidying up, a sync tool) is repaired by the
    next run, as a deleted page is: they are all written with the index."""
    chapters = [Chapter("Mali", 2016, SEED)]
    out, first = build_site(tmp_path, chapters)
    assert first.exit_code == 0, first.entries
    files = [out / "data" / "groups.parquet", out / "data" / "incidents.js"]
    before = [path.read_bytes() for path in files]
    for path in files:
        path.unlink()
        _, again = build_site(tmp_path, chapters)
        assert again.work.index_rendered == 1
    assert [path.read_bytes() for path in files] == before
    _, last = build_site(tmp_path, chapters)
    assert last.work.index_rendered == 0
