"""The pages across countries from the store: a country's stored part of the explorer that is
missing, damaged or of an older form is made again from its summary, never dropped."""

from pathlib import Path

import pytest

from crtdiff.pipeline.index_pages import stored_explorer_part
from crtdiff.pipeline.stored_parts import EXPLORER_PART
from crtdiff.reports.incidents_page import Part, explorer_part
from crtdiff.reports.summaries import ChapterSummary, CountrySummary
from crtdiff.schemas import CountryReport
from crtdiff.store.results import ResultStore
from tests.conftest import FIXTURES

KEY = "ab" * 32


@pytest.mark.parametrize(
    "stored",
    [
        None,
        b"garbage",
        b'[["2016-01-02", "Mali", "i1", "{", "}", [], 3, "attack", false]]',
        (FIXTURES / "explorer" / "mali-2016-form2.jsonl").read_bytes(),
    ],
    ids=["missing", "damaged", "oldest form", "previous form"],
)
def test_an_unusable_explorer_part_is_made_again_and_stored(
    seed_report: CountryReport, tmp_path: Path, stored: bytes | None
) -> None:
    summary = CountrySummary.of([ChapterSummary.of(seed_report)], [])
    store = ResultStore(tmp_path)
    store.save("summaries", KEY, summary)
    if stored is not None:
        store.save_bytes("summaries", KEY, EXPLORER_PART, stored)
    expected = explorer_part(summary)
    assert expected.size  # the seed chapter has incidents: nothing may be lost

    assert stored_explorer_part(store, KEY, summary) == expected
    again = store.load_bytes("summaries", KEY, EXPLORER_PART)
    assert again is not None and Part.from_bytes(again) == expected


def test_a_part_damaged_on_disk_is_refused_by_its_seal(
    seed_report: CountryReport, tmp_path: Path
) -> None:
    summary = CountrySummary.of([ChapterSummary.of(seed_report)], [])
    store = ResultStore(tmp_path)
    store.save_bytes("summaries", KEY, EXPLORER_PART, explorer_part(summary).to_bytes())
    path = tmp_path / "summaries" / f"{KEY}.{EXPLORER_PART}"
    path.write_bytes(path.read_bytes().replace(b'"killed":[', b'"killed":[9', 1))
    assert store.load_bytes("summaries", KEY, EXPLORER_PART) is None
    assert stored_explorer_part(store, KEY, summary) == explorer_part(summary)
