"""The stored summaries are msgspec Structs read from the JSON the pydantic models before them
wrote: a store written by the previous version reads back as it is (and is written again in the
same bytes), and a summary not of the form (an unknown field, a wrong type, a value out of
bounds) counts as missing, to be made again, like a damaged one."""

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec
import pytest

from crtdiff.pipeline.timeline_parts import ChapterParts, PairParts
from crtdiff.reference.bundle import Reference
from crtdiff.reports.summaries import (
    ChapterSummary,
    CountrySummary,
    CoverageRow,
    GroupSeen,
    PairSummary,
    SourceSeen,
)
from crtdiff.schemas import CountryReport, Source
from crtdiff.series.compare import compare_reports
from crtdiff.store.results import ResultStore, encode, sealed_pair, unseal
from tests.conftest import FIXTURES

PREVIOUS = FIXTURES / "summaries" / "mali-previous.json"
"""Mali's summary (the seed, the illustrative 2017 chapter, their comparison, three coverage
rows and unit keys) as crtdiff stored it before its summaries were msgspec Structs."""
KEY = "ab" * 32


def _mali(seed: CountryReport, mali_2017: CountryReport, reference: Reference) -> CountrySummary:
    """The summary PREVIOUS holds, made by this version."""
    diff = compare_reports(seed, mali_2017, reference.gazetteer)
    coverage = [
        CoverageRow(
            year=2015, chapter="country", status="unavailable", reason="not found",
            official_url=None, published=None,
        ),
        CoverageRow(
            year=2016, chapter="country", status="ok", reason=None,
            official_url=seed.source.url, published="2017-07-26",
        ),
        CoverageRow(
            year=2017, chapter="country", status="illustrative",
            reason="catalogued as an illustrative chapter", official_url=None, published=None,
        ),
    ]  # fmt: skip
    chapters = [ChapterSummary.of(seed), ChapterSummary.of(mali_2017)]
    country = CountrySummary.of(chapters, [PairSummary.of(diff)], coverage)
    return msgspec.structs.replace(country, units={2016: "a" * 64, 2017: "b" * 64})


def test_a_summary_stored_by_the_previous_version_reads_back_and_is_written_the_same(
    tmp_path: Path, seed_report: CountryReport, mali_2017: CountryReport, reference: Reference
) -> None:
    store = ResultStore(tmp_path)
    # Sealed as the store seals a summary: the file the previous version left.
    store.save_bytes("summaries", KEY, "json", PREVIOUS.read_bytes())
    loaded = store.load("summaries", KEY, CountrySummary)
    assert loaded == _mali(seed_report, mali_2017, reference)
    assert isinstance(loaded, CountrySummary)
    source = loaded.chapters[0].source
    assert isinstance(source, SourceSeen)
    assert source.retrieved_at == datetime(2026, 1, 1, tzinfo=UTC)
    assert source.url == seed_report.source.url and source.published == "2017-07-26"
    assert list(loaded.years) == [2016, 2017] and loaded.units[2017] == "b" * 64
    assert [g.status for g in loaded.gaps] == ["unavailable"]
    incident = loaded.chapters[0].incident_list[0]
    # Read as the schema's enums: one object per value, shown as its value on every page.
    assert incident.kind is seed_report.incidents[0].kind
    assert f"{incident.kind}|{incident.target}" == f"{incident.kind.value}|{incident.target.value}"
    store.save("summaries", "cd" * 32, loaded)
    again = store.load_bytes("summaries", "cd" * 32, "json")
    assert again == PREVIOUS.read_bytes()


def test_timeline_parts_hold_summaries_as_the_previous_version_stored_them(
    tmp_path: Path, seed_report: CountryReport, mali_2017: CountryReport, reference: Reference
) -> None:
    """The chapters' and pairs' parts (pydantic models) keep a summary in the same JSON, and
    read it back as its Struct."""
    previous = json.loads(PREVIOUS.read_bytes())
    store = ResultStore(tmp_path)
    diff = compare_reports(seed_report, mali_2017, reference.gazetteer)
    chapter, pair = ChapterParts.of(mali_2017, "render"), PairParts.of(diff, "render")
    store.save(chapter.KIND, KEY, mali_2017, chapter)  # attached to their report and diff
    store.save(pair.KIND, KEY, diff, pair)
    for parts, summary in [(chapter, previous["chapters"][1]), (pair, previous["pairs"][0])]:
        assert json.loads(encode(parts))["summary"] == summary  # the JSON stored
    loaded_chapter = store.load_attached(chapter.KIND, KEY, ChapterParts)
    loaded_pair = store.load_attached(pair.KIND, KEY, PairParts)
    assert (loaded_chapter, loaded_pair) == (chapter, pair)
    assert loaded_chapter and isinstance(loaded_chapter.summary, ChapterSummary)
    assert loaded_pair and isinstance(loaded_pair.summary, PairSummary)
    other = json.loads(encode(chapter))
    other["summary"]["groups"][0]["note"] = 1  # a summary of another form: the parts too
    stored = sealed_pair(encode(mali_2017), json.dumps(other).encode())
    (tmp_path / chapter.KIND / f"{KEY}.json").write_bytes(b"".join(stored))
    assert store.load_attached(chapter.KIND, KEY, ChapterParts) is None
    assert store.load(chapter.KIND, KEY, CountryReport) == mali_2017  # the report stays


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """An edit setting a field, by its path of keys and indices."""

    def edit(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        at: Any = data
        for part in parents:
            at = at[int(part)] if isinstance(at, list) else at[part]
        at[last] = value

    return edit


def _drop(field: str) -> Callable[[dict[str, Any]], None]:
    return lambda data: data.pop(field)


NOT_OF_THE_FORM = {
    "unknown field": _set("note", "a field this version does not know"),
    "unknown field of an incident": _set("chapters.0.incident_list.0.note", 1),
    "unknown field of a source": _set("chapters.0.source.note", 1),
    "year as text": _set("chapters.0.year", "2016"),
    "kind not known": _set("chapters.0.incident_list.0.kind", "meteor"),
    "status not known": _set("chapters.0.measures.0.status", "pondered"),
    "share as text": _set("pairs.0.recycled_share", "0.5"),
    "count missing": _set("chapters.0.groups.0.mentions", None),
    "bad digest": _set("chapters.0.source.sha256", "not a digest"),
    "negative size": _set("chapters.0.source.size_bytes", -1),
    "bad time": _set("chapters.0.source.retrieved_at", "yesterday"),
    "bad date": _set("chapters.0.source.published", "26 July 2017"),
    "year key not a year": _set("years.first", {}),
    "field missing": _drop("coverage"),
}


@pytest.mark.parametrize("edit", NOT_OF_THE_FORM.values(), ids=NOT_OF_THE_FORM.keys())
def test_a_summary_not_of_the_form_counts_as_missing(
    tmp_path: Path, edit: Callable[[dict[str, Any]], None]
) -> None:
    data = json.loads(PREVIOUS.read_bytes())
    edit(data)
    store = ResultStore(tmp_path)
    store.save_bytes("summaries", KEY, "json", json.dumps(data).encode())  # sealed: intact
    assert store.intact("summaries", KEY)
    assert store.load("summaries", KEY, CountrySummary) is None


def test_a_summary_damaged_on_disk_counts_as_missing(tmp_path: Path) -> None:
    store = ResultStore(tmp_path)
    store.save_bytes("summaries", KEY, "json", PREVIOUS.read_bytes())
    path = next(tmp_path.rglob(f"{KEY}.json"))
    stored = path.read_bytes()
    path.write_bytes(stored.replace(b'"Mali"', b'"Mala"', 1))
    assert unseal(path.read_bytes()) is None
    assert store.load("summaries", KEY, CountrySummary) is None


def test_summaries_are_frozen_and_made_again_by_replace() -> None:
    group = GroupSeen(id="aqim", name="AQIM", acronym=None, mentions=2, start=0)
    with pytest.raises(AttributeError):
        group.name = "other"  # type: ignore[misc]
    renamed = msgspec.structs.replace(group, name="AQIM (renamed)")
    assert (group.name, renamed.name, renamed.mentions) == ("AQIM", "AQIM (renamed)", 2)


def _checks(schema: dict[str, Any]) -> list[tuple[str, Any]]:
    """A JSON Schema's field names, in order, each with its pattern and minimum (if any)."""
    found = []
    for name, field in schema["properties"].items():
        variants = field.get("anyOf", [field])
        found.append((name, [(v.get("pattern"), v.get("minimum")) for v in variants]))
    return found


def test_a_summary_source_has_the_fields_and_checks_of_a_report_source() -> None:
    """SourceSeen holds a report's Source as stored: the same fields, in the same order, with
    the same patterns and bounds (its own copies: schemas/ is part of every report's key)."""
    theirs = Source.model_json_schema()
    ours = msgspec.json.schema(SourceSeen)["$defs"]["SourceSeen"]
    assert _checks(ours) == _checks(theirs)
    assert ours["required"] == theirs["required"]
