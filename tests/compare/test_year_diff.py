"""2015 → 2016 (the real seed) → 2017: every field of the YearDiff."""

import pytest

from crtdiff.errors import InputError
from crtdiff.reference.bundle import Reference
from crtdiff.schemas import CountryReport, IncidentKind, LegalMeasureKind, LegalStatus
from crtdiff.schemas.diff import YearDiff
from crtdiff.series.compare import compare_reports
from tests.conftest import SEED, ParseFn


@pytest.fixture(scope="module")
def diff_15_16(
    mali_2015: CountryReport, seed_report: CountryReport, reference: Reference
) -> YearDiff:
    return compare_reports(mali_2015, seed_report, reference.gazetteer)


@pytest.fixture(scope="module")
def diff_16_17(
    seed_report: CountryReport, mali_2017: CountryReport, reference: Reference
) -> YearDiff:
    return compare_reports(seed_report, mali_2017, reference.gazetteer)


def test_identity_and_sources(diff_16_17: YearDiff, seed_report: CountryReport) -> None:
    assert (diff_16_17.country, diff_16_17.old_year, diff_16_17.new_year) == ("Mali", 2016, 2017)
    assert diff_16_17.old_source.sha256 == seed_report.source.sha256
    assert diff_16_17.new_source.uri == "data/samples/mali/2017.txt"


def test_rename_is_not_an_add_and_a_drop(diff_16_17: YearDiff) -> None:
    [rename] = diff_16_17.groups.renamed
    assert (rename.old.id, rename.new.id) == ("macina-liberation-front", "katiba-macina")
    assert rename.old.old_evidence is not None and rename.new.new_evidence is not None
    added = {g.id for g in diff_16_17.groups.added}
    removed = {g.id for g in diff_16_17.groups.removed}
    assert "katiba-macina" not in added and "macina-liberation-front" not in removed


def test_merger_stated_by_the_text(diff_16_17: YearDiff) -> None:
    [merger] = diff_16_17.groups.merged
    assert merger.into.id == "jnim"
    assert {m.id for m in merger.members} == {
        "ansar-al-dine",
        "al-murabitoun",
        "katiba-macina",
        "aqim-sahara",
    }
    assert "merged to form" in merger.evidence.sentence
    assert "jnim" not in {g.id for g in diff_16_17.groups.added}


def test_groups_added_removed_continuing(diff_16_17: YearDiff, diff_15_16: YearDiff) -> None:
    assert "isis-gs" in {g.id for g in diff_16_17.groups.added}
    # MUJAO merged into al-Murabitoun (2013), which 2017 still names: a member, not a group gone.
    assert diff_16_17.groups.removed == []
    [(mujao)] = diff_16_17.groups.absorbed
    assert (mujao.id, mujao.part_of) == ("mujao", "al-murabitoun")
    assert {"aqim", "al-murabitoun", "ansar-al-dine"} <= {
        g.id for g in diff_16_17.groups.continuing
    }
    continuing = diff_16_17.groups.continuing[0]
    assert continuing.old_evidence is not None and continuing.new_evidence is not None
    assert diff_15_16.groups.added == [] and diff_15_16.groups.removed == []


def test_incidents_new_referenced_again_and_tolls(
    diff_16_17: YearDiff, diff_15_16: YearDiff
) -> None:
    incidents = diff_16_17.incidents
    assert (incidents.old_count, incidents.new_count) == (7, len(incidents.new))
    assert [m.date for m in incidents.referenced_again] == ["2016-12-24"]
    assert incidents.referenced_again[0].old_id == "2016-12-24-gao-kidnapping"
    assert all(i.date.startswith("2017") for i in incidents.new)
    gao = next(i for i in incidents.new if i.date == "2017-01-18")
    assert (gao.kind, gao.killed_min, gao.wounded_min) == (IncidentKind.SUICIDE_OR_VBIED, 77, 100)
    assert incidents.killed_min.old == 27
    assert incidents.killed_min.delta == incidents.killed_min.new - 27  # type: ignore[operator]
    assert incidents.kidnapped_min.old == 8
    # No 2016 incident gives a wounded figure: the total is not given, not 0 (nor the delta +100).
    wounded = incidents.wounded_min
    assert (wounded.old, wounded.delta, wounded.old_given_by) == (None, None, 0)
    assert wounded.new is not None and wounded.new >= 100 and wounded.new_given_by >= 1
    assert "jnim" in incidents.perpetrators_newly_active
    assert "Karangasso" in incidents.places_newly_hit and "Gao" not in incidents.places_newly_hit
    assert IncidentKind.SUICIDE_OR_VBIED in incidents.kinds_newly_seen
    assert [m.date for m in diff_15_16.incidents.referenced_again] == ["2015-11-20"]


def test_strategy_drafted_then_adopted(diff_16_17: YearDiff) -> None:
    [change] = [
        c
        for c in diff_16_17.legal_measures.status_changed
        if c.new.kind is LegalMeasureKind.STRATEGY
    ]
    assert (change.old_status, change.new_status) == (LegalStatus.DRAFTED, LegalStatus.ADOPTED)
    assert change.old.date == "2016-06"
    kinds = {m.kind for m in diff_16_17.legal_measures.new}
    assert LegalMeasureKind.STATE_OF_EMERGENCY in kinds
    gone = {m.kind for m in diff_16_17.legal_measures.no_longer_mentioned}
    assert LegalMeasureKind.CONVICTION in gone  # the November 28, 2016 convictions


def test_organisations(diff_16_17: YearDiff) -> None:
    assert "g5-sahel-joint-force" in {o.id for o in diff_16_17.organisations.joined_or_new}


def test_sections_and_sentences(
    diff_16_17: YearDiff, seed_report: CountryReport, mali_2017: CountryReport
) -> None:
    sections = {s.key: s for s in diff_16_17.sections}
    assert set(sections) == {s.key for s in seed_report.sections}
    for section in sections.values():
        for measure in (section.cosine, section.jaccard, section.edit, section.simple):
            assert measure is not None and 0 <= measure <= 1
        old_section = seed_report.section(section.key)
        new_section = mali_2017.section(section.key)
        assert old_section is not None and new_section is not None
        a = section.sentences
        old_seen = [p.old.start for p in a.unchanged + a.modified] + [r.start for r in a.removed]
        old_seen += [m.old.start for m in a.moved_out]
        new_seen = [p.new.start for p in a.unchanged + a.modified] + [r.start for r in a.added]
        new_seen += [m.new.start for m in a.moved_in]
        assert sorted(old_seen) == [s.start for s in old_section.sentences]
        assert sorted(new_seen) == [s.start for s in new_section.sentences]
    assert sections["financing"].recycled_share == 1.0
    assert (sections["incidents"].cosine or 1.0) < (sections["financing"].cosine or 0.0)


def test_cosmetic_change_and_light_edit(diff_15_16: YearDiff, diff_16_17: YearDiff) -> None:
    modified = [
        m for d in (diff_15_16, diff_16_17) for s in d.sections for m in s.sentences.modified
    ]
    cosmetic = [m for m in modified if m.is_cosmetic]
    assert cosmetic, "the samples hold a punctuation-only change"
    for m in cosmetic:
        assert m.old.text != m.new.text
    real = [m for m in modified if not m.is_cosmetic]
    edited = next(
        m for m in real if m.new.text.startswith("The Government of Mali remained a willing")
    )
    ops = {p.op.value for p in edited.redline}
    assert ops == {"equal", "delete", "insert"}
    assert "".join(p.text for p in edited.redline if p.op.value != "insert") == edited.old.text
    assert "".join(p.text for p in edited.redline if p.op.value != "delete") == edited.new.text


def test_moved_sentence(diff_16_17: YearDiff) -> None:
    sections = {s.key: s for s in diff_16_17.sections}
    [out] = sections["legislation"].sentences.moved_out
    [into] = sections["cooperation"].sentences.moved_in
    assert out == into
    assert (out.from_section, out.to_section) == ("legislation", "cooperation")
    assert "INTERPOL" in out.new.text


def test_headline_order_and_facts(diff_16_17: YearDiff) -> None:
    topics = [h.topic for h in diff_16_17.headline]
    order = ["groups", "incidents", "legal_measures", "text"]
    assert topics == sorted(topics, key=order.index)
    texts = " ".join(h.text for h in diff_16_17.headline)
    assert "Katiba Macina" in texts and "merger" in texts and "drafted → adopted" in texts
    assert diff_16_17.illustrative


def test_fact_changes_are_keyed_not_positional(diff_16_17: YearDiff) -> None:
    paths = {(c.path, c.change) for c in diff_16_17.fact_changes}
    assert ("groups[jnim]", "added") in paths
    assert ("groups[mujao]", "removed") in paths
    strategy = [c for c in diff_16_17.fact_changes if c.path.endswith(".status")]
    assert [(c.old, c.new) for c in strategy] == [("drafted", "adopted")]
    assert not any("[0]" in c.path or "[1]" in c.path for c in diff_16_17.fact_changes)


@pytest.mark.parametrize("pair", ["diff_15_16", "diff_16_17"])
def test_fact_changes_are_item_by_item_even_when_few_items_carry_over(
    pair: str, request: pytest.FixtureRequest
) -> None:
    diff: YearDiff = request.getfixturevalue(pair)
    assert diff.fact_changes
    # A whole kind reported as one changed value would hide which facts came and went.
    assert all("[" in c.path for c in diff.fact_changes)
    added = {c.path for c in diff.fact_changes if c.path.startswith("incidents[")}
    assert len(added) >= len(diff.incidents.new)


def test_same_chapter_gives_no_changes(seed_report: CountryReport, reference: Reference) -> None:
    diff = compare_reports(seed_report, seed_report, reference.gazetteer)
    assert diff.is_empty
    for section in diff.sections:
        assert (section.cosine, section.jaccard, section.edit, section.simple) == (
            1.0,
            1.0,
            1.0,
            1.0,
        )
        assert section.recycled_share == 1.0
    assert diff.recycled_share == 1.0
    assert len(diff.incidents.referenced_again) == 7 and diff.incidents.new == []


def test_a_chapter_with_two_alike_incidents_compared_with_itself_gives_no_changes(
    parse: ParseFn, reference: Reference
) -> None:
    """Found by the fuzzer: each of two alike incidents must take its own counterpart (two
    bullets: the same sentence twice in a lead-in is one event told twice)."""
    text = SEED.read_text(encoding="utf-8").replace(
        "2016 Terrorist Incidents:",
        "2016 Terrorist Incidents: Incidents included:\n• On May 3, gunmen killed 4 people.\n"
        "• On May 3, gunmen killed 4 people.\n",
    )
    report = parse(text.encode(), "data/raw/mali/2016.txt")
    assert len([i for i in report.incidents if i.date == "2016-05-03"]) == 2
    assert compare_reports(report, report, reference.gazetteer).is_empty


def test_missing_section_has_null_similarity(
    parse: ParseFn, seed_report: CountryReport, reference: Reference
) -> None:
    text = seed_report.body.split("\n\nCountering Violent Extremism:")[0]
    shorter = parse(text.encode(), "mali-2016-short.txt", country="Mali", year=2016)
    diff = compare_reports(shorter, seed_report, reference.gazetteer)
    cve = next(s for s in diff.sections if s.key == "violent_extremism")
    assert (cve.cosine, cve.jaccard, cve.edit, cve.simple, cve.recycled_share) == (None,) * 5
    assert len(cve.sentences.added) == len(seed_report.section("violent_extremism").sentences)  # type: ignore[union-attr]


def test_different_countries_are_refused(
    seed_report: CountryReport, parse: ParseFn, reference: Reference
) -> None:
    niger = parse((seed_report.body.replace("Mali", "Niger")).encode(), "niger-2016.txt")
    with pytest.raises(InputError, match="not the same country"):
        compare_reports(seed_report, niger, reference.gazetteer)


def _somalia(parse: ParseFn, year: int, bullets: list[str]) -> CountryReport:
    text = (
        "Overview: Somalia remained a partner in the fight against terrorism.\n\n"
        f"{year} Terrorist Incidents: Incidents included:\n"
        + "".join(f"• {b}\n" for b in bullets)
        + "\nLegislation, Law Enforcement, and Border Security: Somalia trained its police.\n"
    )
    return parse(text.encode(), f"somalia-{year}.txt", country="Somalia", year=year)


def test_places_newly_hit_are_places_not_spellings(parse: ParseFn, reference: Reference) -> None:
    old = _somalia(
        parse, 2016, ["On May 4, gunmen attacked a market in Merca, killing four people."]
    )
    new = _somalia(
        parse,
        2017,
        [
            "On March 2, gunmen attacked a market in Marka, killing three people.",
            "On April 9, gunmen attacked a checkpoint in Baidoa, killing two soldiers.",
        ],
    )
    diff = compare_reports(old, new, reference.gazetteer)
    assert diff.incidents.places_newly_hit == ["Baidoa"]
