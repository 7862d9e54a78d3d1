"""Data tables: the same facts as the reports, loadable from CSV and Parquet."""

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from crtdiff.paths import DATA_DIR
from crtdiff.reports.tables import (
    TABLES,
    concat_tables,
    csv_chunk,
    csv_pieces,
    neutralise_formulas,
    table_bytes,
    write_tables,
)
from crtdiff.schemas import CountryReport
from tests.conftest import FIXTURES
from tests.plain_site import Chapter, build_site


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


def test_csv_cells_that_start_like_formulas_are_neutralised(tmp_path: Path) -> None:
    """OWASP's CSV-injection advice: = + - @ tab and CR at the start of a cell get a quote in
    the CSV; the Parquet keeps the text as the chapter has it."""
    chapters = [
        Chapter("Mali", 2015, DATA_DIR / "samples" / "mali" / "2015.txt", illustrative=True),
        Chapter("Mali", 2016, FIXTURES / "bad" / "formula-cells.txt"),
    ]
    out, _ = build_site(tmp_path, chapters)
    data = out / "data"
    csv = pd.read_csv(data / "groups.csv", dtype=str, keep_default_na=False)
    parquet = pd.read_parquet(data / "groups.parquet")
    formula = '=HYPERLINK("http://evil.example/","AQIM") and al-Murabitoun'
    assert any(v.startswith(formula) for v in parquet.first_mention)
    assert any(v.startswith("'" + formula) for v in csv.first_mention)
    legal = pd.read_csv(data / "legal_measures.csv", dtype=str, keep_default_na=False)
    for table in (csv, legal):
        cells = [v for column in table.columns for v in table[column]]
        assert not [v for v in cells if v[:1] in ("=", "+", "-", "@", "\t", "\r") and v], cells
    subjects = pd.read_parquet(data / "legal_measures.parquet").subject.dropna()
    risky = [s for s in subjects if s[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert all("'" + s in set(legal.subject) for s in risky)


def test_every_row_carries_the_official_source(
    seed_report: CountryReport, mali_2017: CountryReport
) -> None:
    from crtdiff.reference.bundle import load_reference
    from crtdiff.reports.tables import diff_rows, report_rows
    from crtdiff.series.compare import compare_reports
    from tests.conftest import SEED_PUBLISHED, SEED_URL

    for name, rows in report_rows(seed_report).items():
        assert rows, name
        assert {(r["source_url"], r["published"]) for r in rows} == {(SEED_URL, SEED_PUBLISHED)}
        assert {r["retrieved_at"] for r in rows} == {"2026-01-01T00:00:00+00:00"}
    diff = compare_reports(seed_report, mali_2017, load_reference().gazetteer)
    for name, rows in diff_rows(diff).items():
        assert rows, name
        for row in rows:
            assert (row["old_source_url"], row["old_published"]) == (SEED_URL, SEED_PUBLISHED)
            assert (row["new_source_url"], row["new_published"]) == (None, None)  # illustrative


def test_toll_totals_not_given_are_empty_never_zero(site_dir: Path) -> None:
    tolls = pd.read_csv(site_dir / "data" / "tolls.csv")
    wounded = tolls[(tolls["new_year"] == 2017) & (tolls["toll"] == "wounded")].iloc[0]
    # No 2016 incident gives a wounded figure: empty (not given), and so is the change.
    assert pd.isna(wounded["old_min"]) and pd.isna(wounded["delta"])
    assert (wounded["old_given_by"], wounded["new_min"], wounded["new_given_by"]) == (0, 100, 1)
    killed = tolls[(tolls["new_year"] == 2017) & (tolls["toll"] == "killed")].iloc[0]
    assert (killed["old_min"], killed["delta"], killed["old_incidents"]) == (27, 56, 7)


def test_member_of_a_named_umbrella_is_a_change_of_its_own(site_dir: Path) -> None:
    changes = pd.read_csv(site_dir / "data" / "changes.csv")
    absorbed = changes[changes["change"] == "absorbed"]
    assert absorbed[["item", "new"]].values.tolist() == [["groups[mujao]", "al-murabitoun"]]


def _countries() -> list[dict[str, pa.Table]]:
    """Tables of four countries as the country tasks store them: cells with quotes, commas,
    newlines and formula starts; a country with no rows; a column of nulls in one country only;
    whole numbers beside fractions."""
    rows = [
        [
            {"country": "Mali", "place": 'Gao, "the city"', "killed": 3, "share": 1.0},
            {"country": "Mali", "place": "=HYPERLINK(\"x\")\nsecond line", "killed": None,
             "share": 0.25},
        ],
        [],
        [{"country": "Niger", "place": None, "killed": None, "share": None}],
        [{"country": "Chad", "place": "-1 @ Bol\r", "killed": 12, "share": 2}],
    ]  # fmt: skip
    return [
        {name: pa.Table.from_pylist(r if name == "incidents" else []) for name in TABLES}
        for r in rows
    ]


def _joined_csv(
    tables: dict[str, pa.Table], countries: list[dict[str, pa.Table]]
) -> dict[str, bytes]:
    chunks = [{name: csv_chunk(t) for name, t in c.items()} for c in countries]
    return {name: b"".join(csv_pieces(t, [c[name] for c in chunks])) for name, t in tables.items()}


def test_csv_joined_from_each_countrys_rows_is_the_whole_tables_csv(tmp_path: Path) -> None:
    countries = _countries()
    tables = concat_tables(countries)
    joined = _joined_csv(tables, countries)
    assert joined["incidents"] == table_bytes(tables["incidents"], "csv")
    assert joined["incidents"].count(b"\n") > 5  # quoted newlines and every row
    assert b"'=HYPERLINK" in joined["incidents"] and b"'-1 @ Bol" in joined["incidents"]
    assert joined["groups"] == table_bytes(tables["groups"], "csv") == b""  # no rows anywhere

    chunks = [{name: csv_chunk(t) for name, t in c.items()} for c in countries]
    write_tables(tables, chunks, tmp_path)
    assert (tmp_path / "incidents.csv").read_bytes() == joined["incidents"]
    assert (tmp_path / "groups.csv").read_bytes() == b""
    assert pq.read_table(tmp_path / "incidents.parquet").equals(tables["incidents"])


def test_written_csv_is_the_old_writers_csv_of_the_same_table(tmp_path: Path) -> None:
    """The CSV the run writes from each country's rows equals what encoding the whole joined
    table gives (as every run did before), formula cells and a country without legal
    measures included."""
    chapters = [
        Chapter("Mali", 2015, DATA_DIR / "samples" / "mali" / "2015.txt", illustrative=True),
        Chapter("Mali", 2016, FIXTURES / "bad" / "formula-cells.txt"),
        Chapter("Niger", 2012, FIXTURES / "chapters" / "niger-2012.txt"),
    ]
    out, run = build_site(tmp_path, chapters)
    assert run.exit_code == 0, run.entries
    for name in TABLES:
        table = pq.read_table(out / "data" / f"{name}.parquet")
        assert (out / "data" / f"{name}.csv").read_bytes() == table_bytes(table, "csv"), name
    assert set(pq.read_table(out / "data" / "incidents.parquet")["country"].to_pylist()) == {
        "Mali",
        "Niger",
    }


def test_only_cells_starting_like_a_formula_get_a_quote() -> None:
    cells = ["=1+2", "+1", "-x", "@SUM", "\tz", "\rw", "a=b", "", None, "é=", "'=x", " =y"]
    table = pa.table({"text": cells, "n": list(range(len(cells))), "safe": ["a"] * len(cells)})
    out = neutralise_formulas(table)
    assert out["text"].to_pylist() == [
        "'=1+2", "'+1", "'-x", "'@SUM", "'\tz", "'\rw", "a=b", "", None, "é=", "'=x", " =y",
    ]  # fmt: skip
    assert out["n"].equals(table["n"]) and out["safe"].equals(table["safe"])
