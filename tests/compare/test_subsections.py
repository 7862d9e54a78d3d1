"""Long documents compared unit by unit: units matched across the 2024 outline change (renamed
and merged sub-sections meet their predecessors), the four measures and redlines per unit, and
a summary that leads with what changed most."""

from collections import Counter

import pytest

from crtdiff.reference.bundle import Reference
from crtdiff.schemas import CountryReport
from crtdiff.schemas.diff import YearDiff
from crtdiff.schemas.series import MatchKind
from crtdiff.series.compare import compare_reports


@pytest.fixture(scope="module")
def outline_change(hrr_reports: dict[int, CountryReport], reference: Reference) -> YearDiff:
    return compare_reports(hrr_reports[2020], hrr_reports[2024], reference.gazetteer)


@pytest.fixture(scope="module")
def same_outline(hrr_reports: dict[int, CountryReport], reference: Reference) -> YearDiff:
    return compare_reports(hrr_reports[2019], hrr_reports[2020], reference.gazetteer)


def matches(diff: YearDiff) -> dict[str | None, tuple[MatchKind, list[str]]]:
    return {
        m.new_key: (m.kind, [k.removeprefix("hrr:") for k in m.old_keys])
        for m in diff.outline or []
        if m.new_key is not None
    }


def test_renamed_and_merged_units_meet_their_predecessors(outline_change: YearDiff) -> None:
    found = matches(outline_change)
    assert found["hrr:extrajudicial-killings"] == (MatchKind.RENAMED, ["killings"])
    assert found["hrr:war-crimes"] == (MatchKind.RENAMED, ["conflict-abuses"])
    assert found["hrr:press-freedom"] == (MatchKind.RENAMED, ["expression"])
    assert found["hrr:religious-freedom"] == (MatchKind.RENAMED, ["religion"])
    assert found["hrr:antisemitism-incitement"] == (MatchKind.RENAMED, ["antisemitism"])
    assert found["hrr:worker-rights"] == (
        MatchKind.MERGED,
        ["association-bargaining", "forced-labor", "work-conditions"],
    )
    assert found["hrr:disappearance-abduction"] == (
        MatchKind.MERGED,
        ["disappearance", "arbitrary-arrest"],
    )
    assert found["hrr:children-protection"] == (MatchKind.MERGED, ["children", "child-labor"])
    assert found["hrr:torture"] == (MatchKind.SAME, ["torture"])  # a heading variant, same key
    assert found["hrr:population-control"] == (MatchKind.ADDED, [])


def test_no_rename_is_reported_as_a_removal_and_an_addition(outline_change: YearDiff) -> None:
    removed = {
        k for m in outline_change.outline or [] if m.kind is MatchKind.REMOVED for k in m.old_keys
    }
    for predecessor in ("killings", "conflict-abuses", "expression", "religion", "antisemitism",
                        "association-bargaining", "disappearance", "children", "child-labor"):  # fmt: skip
        assert f"hrr:{predecessor}" not in removed
    assert {"hrr:women", "hrr:corruption", "hrr:fair-trial"} <= removed
    every_old = [k for m in outline_change.outline or [] for k in m.old_keys]
    assert len(every_old) == len(set(every_old)) == 31  # each 2020 unit in one place


def test_measures_and_redlines_per_unit(outline_change: YearDiff) -> None:
    killings = next(s for s in outline_change.sections if s.key == "hrr:extrajudicial-killings")
    assert killings.old_heading is not None and killings.old_heading.startswith("a. Arbitrary")
    for measure in (killings.cosine, killings.jaccard, killings.edit, killings.simple):
        assert measure is not None and 0.3 < measure < 1
    modified = killings.sentences.modified
    assert modified and any(
        p.op.value == "insert" and "20" in p.text for m in modified for p in m.redline
    )
    women = next(s for s in outline_change.sections if s.key == "hrr:women")
    assert women.cosine is None and women.new_heading is None and women.sentences.removed


def test_every_sentence_is_accounted_for_once(
    outline_change: YearDiff, hrr_reports: dict[int, CountryReport]
) -> None:
    old_seen: Counter[int] = Counter()
    new_seen: Counter[int] = Counter()
    for s in outline_change.sections:
        a = s.sentences
        old_seen.update(p.old.start for p in [*a.unchanged, *a.modified, *a.moved_out])
        old_seen.update(r.start for r in a.removed)
        new_seen.update(p.new.start for p in [*a.unchanged, *a.modified, *a.moved_in])
        new_seen.update(r.start for r in a.added)
    old_starts = [x.start for s in hrr_reports[2020].sections for x in s.sentences]
    new_starts = [x.start for s in hrr_reports[2024].sections for x in s.sentences]
    assert sorted(old_seen.elements()) == sorted(old_starts)
    assert sorted(new_seen.elements()) == sorted(new_starts)


def test_the_summary_leads_with_what_changed_most(outline_change: YearDiff) -> None:
    first = outline_change.headline[0]
    assert first.topic == "text" and first.text.startswith("Most changed: ")
    topics = [h.topic for h in outline_change.headline]
    assert topics.index("outline") > topics.index("text")
    assert any("Worker Rights takes in 3 units of 2020" in h.text for h in outline_change.headline)
    assert any(
        h.text.startswith("Killings: 4 figures, largest 400 in 2020")
        for h in outline_change.headline
    )


def test_counts_and_laws_compared(same_outline: YearDiff) -> None:
    assert same_outline.laws is not None
    assert [law.id for law in same_outline.laws.new] == ["law-no-2020-09-of-june-3-2020"]
    killings = next(c for c in same_outline.counts or [] if c.kind.value == "killings")
    assert (killings.old_largest, killings.new_largest) == (150, 400)
    assert matches(same_outline)["hrr:idps"] == (MatchKind.SAME, ["idps"])  # heading variant
    removed = [m for m in same_outline.outline or [] if m.kind is MatchKind.REMOVED]
    assert [m.old_keys for m in removed] == [["hrr:stateless"]]


def test_a_report_compared_with_itself_has_no_change(
    hrr_reports: dict[int, CountryReport], reference: Reference
) -> None:
    diff = compare_reports(hrr_reports[2024], hrr_reports[2024], reference.gazetteer)
    assert diff.is_empty
    assert {m.kind for m in diff.outline or []} == {MatchKind.SAME}
    assert all(s.cosine == 1.0 for s in diff.sections)


def test_series_cannot_be_mixed(
    hrr_reports: dict[int, CountryReport], seed_report: CountryReport, reference: Reference
) -> None:
    from crtdiff.errors import InputError

    crt = seed_report.model_copy(update={"country": "Niger"})
    with pytest.raises(InputError, match="compares a crt report with a hrr report"):
        compare_reports(crt, hrr_reports[2024], reference.gazetteer)
