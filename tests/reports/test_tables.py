"""Data tables: the same facts as the reports, loadable from CSV and Parquet."""

from pathlib import Path

import pandas as pd

from reports.tables import TABLES
from schemas import CountryReport
from tests.conftest import FIXTURES, ParseFn


def test_every_table_in_csv_and_parquet(site_dir: Path) -> None:
    for name in TABLES:
        csv = pd.read_csv(site_dir / "data" / f"{name}.csv")
        parquet = pd.read_parquet(site_dir / "data" / f"{name}.parquet")
        assert len(csv) == len(parquet) > 0
        assert list(csv.columns) == list(parquet.columns)


def test_incidents_table_matches_the_reports(site_dir: Path, seed_report: CountryReport) -> None:
    incidents = pd.read_parquet(site_dir / "data" / "incidents.parquet")
    seed = incidents[incidents["year"] == 2016]
    assert len(seed) == len(seed_report.incidents) == 7
    nampala = seed[seed["place"] == "Nampala"].iloc[0]
    assert (nampala["killed_min"], nampala["kidnapped_min"], nampala["perpetrators"]) == (
        19,
        5,
        "ansar-al-dine",
    )
    assert pd.isna(seed[seed["place"] == "Timbuktu"].iloc[0]["killed_min"])  # unknown, not zero
    assert set(incidents["illustrative"]) == {True, False}


def test_groups_one_row_per_group_per_year(site_dir: Path) -> None:
    groups = pd.read_csv(site_dir / "data" / "groups.csv")
    assert not groups.duplicated(["country", "year", "group_id"]).any()
    assert set(groups[groups["year"] == 2017]["group_id"]) >= {"jnim", "katiba-macina", "isis-gs"}


def test_metrics_and_changes(site_dir: Path) -> None:
    metrics = pd.read_csv(site_dir / "data" / "section_metrics.csv")
    assert set(metrics["new_year"]) == {2016, 2017}
    assert metrics["cosine"].between(0, 1).all()
    changes = pd.read_csv(site_dir / "data" / "changes.csv")
    renamed = changes[changes["change"] == "renamed"]
    assert renamed.iloc[0][["old", "new"]].tolist() == ["Macina Liberation Front", "Katiba Macina"]
    assert "merged" in set(changes["change"])


def test_csv_cells_that_start_like_formulas_are_neutralised(
    parse: ParseFn, mali_2015: CountryReport, tmp_path: Path
) -> None:
    """OWASP's CSV-injection advice: = + - @ tab and CR at the start of a cell get a quote in
    the CSV; the Parquet keeps the text as the chapter has it."""
    from reports.tables import arrow_tables, table_rows, write_tables

    hostile = parse(FIXTURES / "bad" / "formula-cells.txt")
    write_tables(arrow_tables(table_rows([hostile, mali_2015], [])), tmp_path)
    csv = pd.read_csv(tmp_path / "groups.csv", dtype=str, keep_default_na=False)
    parquet = pd.read_parquet(tmp_path / "groups.parquet")
    formula = '=HYPERLINK("http://evil.example/","AQIM") and al-Murabitoun'
    assert any(v.startswith(formula) for v in parquet.first_mention)
    assert any(v.startswith("'" + formula) for v in csv.first_mention)
    legal = pd.read_csv(tmp_path / "legal_measures.csv", dtype=str, keep_default_na=False)
    for table in (csv, legal):
        cells = [v for column in table.columns for v in table[column]]
        assert not [v for v in cells if v[:1] in ("=", "+", "-", "@", "\t", "\r") and v], cells
    subjects = pd.read_parquet(tmp_path / "legal_measures.parquet").subject.dropna()
    dashed = [s for s in subjects if s.startswith("-")]  # the 2015 sample's "-day state of …"
    assert dashed and all("'" + s in set(legal.subject) for s in dashed)
