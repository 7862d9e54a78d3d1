"""A site of several series: the catalogue split as the flow and the up-to-date check both split
it, and one run report for all series."""

from pathlib import Path

from crtdiff.catalog.load import load_catalog
from crtdiff.paths import DEFAULT_CATALOG
from crtdiff.pipeline.outcome import EntryOutcome, RunReport, Status
from crtdiff.pipeline.series_site import merge_reports, series_out_dir, split_by_series
from crtdiff.reference.countries import load_countries
from tests.conftest import HRR, SEED


def test_the_catalogue_splits_by_series_crt_first(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "b.html").write_bytes((HRR / "hrr-2019-niger.html").read_bytes())
    (tmp_path / "sources.toml").write_text(
        '[[report]]\ncountry = "Niger"\nyear = 2019\nsource = "b.html"\nseries = "hrr"\n'
        '[[report]]\ncountry = "Mali"\nyear = 2016\nsource = "a.txt"\n'
        '[[report]]\ncountry = "Mali"\nyear = 2017\nsource = "a.txt"\nseries = "hhr"\n',
        encoding="utf-8",
    )
    catalog = load_catalog(tmp_path / "sources.toml", load_countries())
    parts = split_by_series(catalog)
    assert list(parts) == ["crt", "hrr"]
    assert [e.country for e in parts["crt"].entries] == ["Mali"]
    assert [e.country for e in parts["hrr"].entries] == ["Niger"]
    # The entry of an unknown series is reported once, with CRT's, and its closest name.
    assert parts["hrr"].rejected == []
    assert [r.reason for r in parts["crt"].rejected] == [
        "unknown series 'hhr' (not in series.csv; known: crt, hrr); did you mean hrr?"
    ]
    assert series_out_dir(tmp_path, "crt") == tmp_path
    assert series_out_dir(tmp_path, "hrr") == tmp_path / "hrr"


def test_a_catalogue_of_crt_alone_is_one_series() -> None:
    catalog = load_catalog(DEFAULT_CATALOG, load_countries())
    assert list(split_by_series(catalog)) == ["crt"]


def _part(key: str, up_to_date: bool, next_check: str | None) -> RunReport:
    run = RunReport(started_at="2026-01-01T00:00:00+00:00", catalog="sources.toml")
    run.entries.append(EntryOutcome(key, Status.OK, cached=True))
    run.work.ingest_cached = 1
    run.up_to_date, run.next_url_check = up_to_date, next_check
    return run


def test_one_report_for_all_series() -> None:
    parts = {
        "crt": _part("Mali:2016", True, None),
        "hrr": _part("Niger:2024", True, "2026-01-02T00:00:00+00:00"),
    }
    merged = merge_reports(parts, "sources.toml")
    assert [e.key for e in merged.entries] == ["Mali:2016", "Niger:2024 (hrr)"]
    assert merged.work.ingest_cached == 2
    assert merged.up_to_date is True
    assert merged.next_url_check == "2026-01-02T00:00:00+00:00"
    parts["crt"] = _part("Mali:2016", False, "2026-01-01T12:00:00+00:00")
    merged = merge_reports(parts, "sources.toml")
    assert merged.up_to_date is False  # one series had work: the run was not a no-op
    assert merged.next_url_check == "2026-01-01T12:00:00+00:00"  # the earliest
