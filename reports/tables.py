"""Data tables for analysts: incidents, groups, legal measures, section metrics, changes."""

import struct
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from crtdiff.store.atomic import atomic_write_bytes, atomic_write_pieces

if TYPE_CHECKING:  # the child process writing the archive's tables needs no schema (0.2 s)
    from crtdiff.schemas import CountryReport
    from crtdiff.schemas.diff import YearDiff

TABLES = ("incidents", "groups", "legal_measures", "section_metrics", "tolls", "changes")
TOLLS = ("killed", "wounded", "kidnapped")


def _source(report: "CountryReport") -> dict[str, Any]:
    return {
        "country": report.country,
        "year": report.year,
        "chapter": report.chapter,
        "source_uri": report.source.uri,
        "source_sha256": report.source.sha256,
        "illustrative": report.source.illustrative,
        "source_url": report.source.url,
        "published": report.source.published,
        "retrieved_at": report.source.retrieved_at.isoformat(),
    }


def incident_rows(reports: Iterable["CountryReport"]) -> list[dict[str, Any]]:
    """One row per incident."""
    return [
        {
            **src,
            "incident_id": i.id,
            "date": i.date,
            "date_end": i.date_end,
            "date_precision": i.date_precision.value,
            "place": i.place,
            "place_canonical": i.place_canonical,
            "region": i.region,
            "incident_country": i.country,
            "kind": i.kind.value,
            "target": i.target.value,
            "perpetrators": ";".join(i.perpetrators),
            "attribution": i.attribution.value,
            "killed_min": i.killed_min,
            "wounded_min": i.wounded_min,
            "kidnapped_min": i.kidnapped_min,
            "toll_flags": ";".join(f.value for f in i.toll_flags),
            "evidence": i.evidence.sentence,
            "evidence_section": i.evidence.section,
            "evidence_start": i.evidence.start,
            "evidence_end": i.evidence.end,
        }
        for r in reports
        for src in (_source(r),)
        for i in r.incidents
    ]


def group_rows(reports: Iterable["CountryReport"]) -> list[dict[str, Any]]:
    """One row per group per country-year."""
    return [
        {
            **src,
            "group_id": g.id,
            "name": g.name,
            "acronym": g.acronym,
            "from_gazetteer": g.from_gazetteer,
            "mentions": len(g.mentions),
            "first_mention": g.mentions[0].evidence.sentence,
            "first_mention_start": g.mentions[0].evidence.start,
        }
        for r in reports
        for src in (_source(r),)
        for g in r.groups
    ]


def legal_rows(reports: Iterable["CountryReport"]) -> list[dict[str, Any]]:
    """One row per legal measure."""
    return [
        {
            **src,
            "measure_id": m.id,
            "kind": m.kind.value,
            "status": m.status.value if m.status else None,
            "date": m.date,
            "date_precision": m.date_precision.value if m.date_precision else None,
            "subject": m.subject,
            "summary": m.summary,
            "evidence": m.evidence.sentence,
            "evidence_start": m.evidence.start,
        }
        for r in reports
        for src in (_source(r),)
        for m in r.legal_measures
    ]


def _pair(d: "YearDiff") -> dict[str, Any]:
    return {
        "country": d.country,
        "chapter": d.chapter,
        "old_year": d.old_year,
        "new_year": d.new_year,
        "illustrative": d.illustrative,
        "old_source_url": d.old_source.url,
        "old_published": d.old_source.published,
        "new_source_url": d.new_source.url,
        "new_published": d.new_source.published,
    }


def section_rows(diffs: Iterable["YearDiff"]) -> list[dict[str, Any]]:
    """One row per section per pair of years."""
    return [
        {
            **pair,
            "section": s.key,
            "cosine": s.cosine,
            "jaccard": s.jaccard,
            "edit": s.edit,
            "simple": s.simple,
            "recycled_share": s.recycled_share,
            "unchanged": len(s.sentences.unchanged),
            "modified": len(s.sentences.modified),
            "cosmetic": sum(1 for m in s.sentences.modified if m.is_cosmetic),
            "added": len(s.sentences.added),
            "removed": len(s.sentences.removed),
            "moved_in": len(s.sentences.moved_in),
            "moved_out": len(s.sentences.moved_out),
        }
        for d in diffs
        for pair in (_pair(d),)
        for s in d.sections
    ]


def toll_rows(diffs: Iterable["YearDiff"]) -> list[dict[str, Any]]:
    """One row per toll total per pair of years; an empty total is not given, never 0."""
    rows = []
    for d in diffs:
        pair = _pair(d)
        for name in TOLLS:
            toll = getattr(d.incidents, f"{name}_min")
            rows.append(
                {
                    **pair,
                    "toll": name,
                    "old_min": toll.old,
                    "new_min": toll.new,
                    "delta": toll.delta,
                    "old_incidents": d.incidents.old_count,
                    "old_given_by": toll.old_given_by,
                    "new_incidents": d.incidents.new_count,
                    "new_given_by": toll.new_given_by,
                }
            )
    return rows


def change_rows(diffs: Iterable["YearDiff"]) -> list[dict[str, Any]]:
    """One row per fact change, rename and merger."""
    rows: list[dict[str, Any]] = []
    for d in diffs:
        pair = _pair(d)
        for c in d.fact_changes:
            topic = c.path.split("[")[0]
            rows.append(
                {
                    **pair,
                    "topic": topic,
                    "change": c.change,
                    "item": c.path,
                    "old": None if c.old is None else str(c.old),
                    "new": None if c.new is None else str(c.new),
                }
            )
        for r in d.groups.renamed:
            rows.append(
                {
                    **pair,
                    "topic": "groups",
                    "change": "renamed",
                    "item": f"groups[{r.new.id}]",
                    "old": r.old.name,
                    "new": r.new.name,
                }
            )
        for g in d.groups.absorbed:
            rows.append(
                {
                    **pair,
                    "topic": "groups",
                    "change": "absorbed",
                    "item": f"groups[{g.id}]",
                    "old": g.name,
                    "new": g.part_of,
                }
            )
        for m in d.groups.merged:
            rows.append(
                {
                    **pair,
                    "topic": "groups",
                    "change": "merged",
                    "item": f"groups[{m.into.id}]",
                    "old": ";".join(g.id for g in m.members),
                    "new": m.into.name,
                }
            )
    return rows


Rows = dict[str, list[dict[str, Any]]]


def report_rows(report: "CountryReport") -> Rows:
    """The rows one chapter contributes (incidents, groups, legal measures)."""
    return {
        "incidents": incident_rows([report]),
        "groups": group_rows([report]),
        "legal_measures": legal_rows([report]),
    }


def diff_rows(diff: "YearDiff") -> Rows:
    """The rows one pair of years contributes (section metrics, changes)."""
    return {
        "section_metrics": section_rows([diff]),
        "tolls": toll_rows([diff]),
        "changes": change_rows([diff]),
    }


def arrow_tables(rows: Rows) -> dict[str, pa.Table]:
    """Rows as Arrow tables, every table present even when empty."""
    return {name: pa.Table.from_pylist(rows.get(name, [])) for name in TABLES}


def concat_tables(parts: list[dict[str, pa.Table]]) -> dict[str, pa.Table]:
    """Tables of several countries as one, widening types where a part had only nulls."""
    out = {}
    for name in TABLES:
        pieces = [p[name] for p in parts if name in p and p[name].num_columns]
        out[name] = (
            pa.concat_tables(pieces, promote_options="permissive") if pieces else pa.table({})
        )
    return out


def write_tables(
    tables: dict[str, pa.Table], chunks: list[dict[str, bytes]], folder: Path
) -> list[Path]:
    """Write each table, joined from parts (concat_tables), as CSV and Parquet, atomically;
    `chunks`: each part's rows already encoded by csv_chunk, in the order of the join, so
    that no row is encoded again when one part changed."""
    written = []
    for name, table in tables.items():
        csv_path, parquet_path = folder / f"{name}.csv", folder / f"{name}.parquet"
        atomic_write_pieces(csv_path, csv_pieces(table, [c[name] for c in chunks]))
        atomic_write_bytes(parquet_path, table_bytes(table, "parquet"))
        written += [csv_path, parquet_path]
    return written


_FORMULA_START = r"^[=+\-@\t\r]"
"""A cell starting as a spreadsheet would run it as a formula (OWASP's list: = + - @ tab,
carriage return). A pattern, not a set of first characters: building an Arrow array from a
Python list imports pandas (0.2 s of every child process writing the archive's tables)."""


def neutralise_formulas(table: pa.Table) -> pa.Table:
    """The table with every text cell that starts like a formula prefixed by a single quote,
    as OWASP recommends for CSV files opened in spreadsheets (`=HYPERLINK(...)` in a chapter
    must not become a live link). Only the CSV gets this; Parquet keeps the text as it is."""
    columns = []
    for column in table.columns:
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            risky = pc.match_substring_regex(column, _FORMULA_START)
            if pc.any(risky).as_py():  # most columns have none: copying them cost three times more
                quoted = pc.binary_join_element_wise("'", column, "")
                column = pc.if_else(risky, quoted, column)
        columns.append(column)
    return pa.table(columns, names=table.column_names)


def table_bytes(table: pa.Table, fmt: str) -> bytes:
    """A table serialised as CSV, Parquet, or Arrow IPC (`arrow`: the fastest to read back)."""
    sink = pa.BufferOutputStream()
    if fmt == "csv":
        _write_csv(table, sink, header=True)
    elif fmt == "arrow":
        with pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
    else:
        pq.write_table(table, sink)
    return bytes(sink.getvalue().to_pybytes())


_CHUNK_CODEC = pa.Codec("lz4")
_CHUNK_SIZE = struct.Struct("<Q")
"""A stored chunk: the length of its rows, then the rows compressed (an eighth of the bytes to
read and verify on every run)."""


def csv_chunk(table: pa.Table) -> bytes:
    """A table's rows as CSV with no header (formulas neutralised), compressed: one part of a
    joined table's CSV, which csv_pieces puts together without encoding the rows again."""
    sink = pa.BufferOutputStream()
    _write_csv(table, sink, header=False)
    rows = sink.getvalue()
    return _CHUNK_SIZE.pack(rows.size) + bytes(_CHUNK_CODEC.compress(rows, asbytes=True))


def csv_pieces(table: pa.Table, chunks: list[bytes]) -> Iterator[memoryview]:
    """The CSV of `table` in pieces to write one after the other, from the chunks (csv_chunk)
    of the parts it joins, in the same order: the same bytes as table_bytes(table, "csv").
    CSV cells are written one by one, so the parts' rows need only the joined table's header
    (a column of nulls in one part is empty there either way). Each piece is made when asked
    for: written and dropped one by one, they reuse the same memory."""
    if not table.num_columns:
        return
    yield memoryview(table_bytes(table.slice(0, 0), "csv"))
    for chunk in chunks:
        (size,) = _CHUNK_SIZE.unpack_from(chunk)
        compressed = memoryview(chunk)[_CHUNK_SIZE.size :]
        yield memoryview(_CHUNK_CODEC.decompress(compressed, decompressed_size=size))


def _write_csv(table: pa.Table, sink: pa.BufferOutputStream, *, header: bool) -> None:
    if table.num_columns:
        options = pacsv.WriteOptions(include_header=header)
        pacsv.write_csv(neutralise_formulas(table), sink, write_options=options)


def read_table(data: bytes) -> pa.Table:
    """A table back from Arrow IPC bytes."""
    return pa.ipc.open_file(pa.BufferReader(data)).read_all()
