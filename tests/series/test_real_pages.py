"""The three real HRR pages of Mali in ../shared (2019, 2020 and 2024, after the restructuring):
read as HRR, cut into the outline's units, and compared across the outline change. Skipped where
../shared is absent; the fixtures under tests/fixtures/hrr/ cover the same ground."""

from pathlib import Path

import pytest

from crtdiff.reference.bundle import Reference
from crtdiff.schemas import CountryReport
from crtdiff.schemas.series import CountKind, CountQualifier, MatchKind
from crtdiff.series.compare import compare_reports
from tests.conftest import parse_as


@pytest.fixture(scope="module")
def mali(shared_dir: Path, reference: Reference) -> dict[int, CountryReport]:
    folder = shared_dir / "pages" / "state-gov-hrr"
    return {y: parse_as(folder / f"hrr-{y}-mali.html", reference) for y in (2019, 2020, 2024)}


def test_real_pages_are_read_as_hrr(mali: dict[int, CountryReport]) -> None:
    for year, report in mali.items():
        assert (report.series, report.country, report.year) == ("hrr", "Mali", year)
        assert report.title == f"{year} Country Reports on Human Rights Practices: Mali"
        assert not [w for w in report.warnings if w.code == "unknown_heading"]
        assert report.body.lower().startswith("executive summary")
        for furniture in ("official website", "Privacy Policy", "Build a Custom Report"):
            assert furniture not in report.body
    assert len(mali[2019].sections) == 32 and len(mali[2020].sections) == 31
    assert [s.key.removeprefix("hrr:") for s in mali[2024].sections] == [
        "executive-summary", "extrajudicial-killings", "population-control", "war-crimes",
        "press-freedom", "worker-rights", "disappearance-abduction", "religious-freedom",
        "trafficking", "torture", "children-protection", "refugees", "antisemitism-incitement",
    ]  # fmt: skip


def test_real_counts(mali: dict[int, CountryReport]) -> None:
    counts = {(c.kind, c.figure, c.qualifier) for c in mali[2020].counts or []}
    assert (CountKind.KILLINGS, 195, CountQualifier.AT_LEAST) in counts  # extrajudicial killings
    assert (CountKind.KILLINGS, 700, CountQualifier.MORE_THAN) in counts
    assert (CountKind.DISAPPEARANCES, 40, CountQualifier.EXACT) in counts
    assert (CountKind.DISAPPEARANCES, 71, CountQualifier.EXACT) in counts
    assert (CountKind.POLITICAL_PRISONERS, None, CountQualifier.UNQUANTIFIED) in counts
    assert (CountKind.KILLINGS, 26, CountQualifier.AT_LEAST) in {
        (c.kind, c.figure, c.qualifier) for c in mali[2024].counts or []
    }
    assert {law.id for law in mali[2020].laws or []} >= {"constitution", "labor-code"}


def test_real_outline_change_is_matched(
    mali: dict[int, CountryReport], reference: Reference
) -> None:
    diff = compare_reports(mali[2020], mali[2024], reference.gazetteer)
    found = {
        m.new_key.removeprefix("hrr:"): (m.kind, [k.removeprefix("hrr:") for k in m.old_keys])
        for m in diff.outline or []
        if m.new_key
    }
    assert found["extrajudicial-killings"] == (MatchKind.RENAMED, ["killings"])
    assert found["war-crimes"] == (MatchKind.RENAMED, ["conflict-abuses"])
    assert found["press-freedom"] == (MatchKind.RENAMED, ["expression"])
    assert found["religious-freedom"] == (MatchKind.RENAMED, ["religion"])
    assert found["antisemitism-incitement"] == (MatchKind.RENAMED, ["antisemitism"])
    assert found["worker-rights"][0] is MatchKind.MERGED
    assert {"association-bargaining", "work-conditions"} <= set(found["worker-rights"][1])
    assert found["disappearance-abduction"] == (
        MatchKind.MERGED,
        ["disappearance", "arbitrary-arrest"],
    )
    assert found["children-protection"][0] is MatchKind.MERGED
    assert found["population-control"] == (MatchKind.ADDED, [])
    removed = {k for m in diff.outline or [] if m.kind is MatchKind.REMOVED for k in m.old_keys}
    assert {"hrr:women", "hrr:corruption", "hrr:sogi"} <= removed
    assert diff.headline[0].text.startswith("Most changed: ")


def test_real_consecutive_years(mali: dict[int, CountryReport], reference: Reference) -> None:
    diff = compare_reports(mali[2019], mali[2020], reference.gazetteer)
    kinds = {m.kind for m in diff.outline or []}
    assert kinds == {MatchKind.SAME, MatchKind.REMOVED}  # only "g. Stateless Persons" went
    recycled = diff.recycled_share
    assert recycled is not None and 0.3 < recycled < 0.7
    idps = next(s for s in diff.sections if s.key == "hrr:idps")
    assert idps.old_heading == "e. Internally Displaced Persons (IDPs)"
    assert idps.new_heading == "e. Status and Treatment of Internally Displaced Persons"
