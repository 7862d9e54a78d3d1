"""Every headline line true of its two chapters: mergers once, members as members, tolls only
when given, plurals, no headline for a section of leftovers."""

import re

import pytest

from crtdiff.compare.headline import headlines
from crtdiff.reference.bundle import Reference
from crtdiff.schemas import CountryReport
from crtdiff.schemas.diff import (
    GroupsDiff,
    IncidentsDiff,
    LegalDiff,
    SectionDiff,
    SentenceAlignment,
    SentencePair,
    SentenceRef,
    TollChange,
    YearDiff,
)
from crtdiff.series.compare import compare_reports
from tests.conftest import ParseFn

# Chapters written for these tests in the report's style (2018 recalls the 2017 merger).
OVERVIEW = (
    "Overview: The Government of Mali remained a willing, if challenged, U.S. counterterrorism "
    "partner. Mali continues to rely heavily on the UN Multidimensional Integrated Stabilization "
    "Mission in Mali (MINUSMA) and French forces to provide a measure of stability and security "
    "to the northern regions. {groups}"
)
LEGISLATION = (
    "Legislation, Law Enforcement, and Border Security: Mali's counterterrorism legal framework "
    "remained unchanged during the year, and the judiciary lacked the resources to try most "
    "terrorism cases brought before the specialized judicial unit in Bamako."
)


def chapter(year: int, groups: str, incidents: list[str]) -> bytes:
    lead = f"{year} Terrorist Incidents: Terrorist groups continued to attack in northern Mali."
    if incidents:
        lead += " Terrorist incidents included:"
    lines = [
        f"Country Reports on Terrorism {year}: Mali",
        OVERVIEW.format(groups=groups),
        lead,
        *(f"• {i}" for i in incidents),
        LEGISLATION,
    ]
    return "\n\n".join(lines).encode()


RECALLED = (
    "JNIM, formed in March 2017 by the merger of Ansar al-Dine, al-Murabitoun, Katiba Macina, "
    "and AQIM's Sahara branch, claimed responsibility for most attacks in the north."
)


@pytest.fixture(scope="module")
def diff_17_18(mali_2017: CountryReport, parse: ParseFn, reference: Reference) -> YearDiff:
    text = chapter(
        2018,
        RECALLED + " ISIS in the Greater Sahara (ISIS-GS) operated along the border with Niger.",
        ["On March 12, gunmen attacked a police post in Boni, killing one police officer."],
    )
    new = parse(text, "mali-2018.txt")
    return compare_reports(mali_2017, new, reference.gazetteer)


def lines(diff: YearDiff) -> list[str]:
    return [h.text for h in diff.headline]


def test_a_merger_recalled_in_a_later_year_is_not_headlined_again(diff_17_18: YearDiff) -> None:
    assert diff_17_18.groups.merged == []
    assert not [line for line in lines(diff_17_18) if "merger" in line]


def test_members_of_a_named_umbrella_are_members_not_gone(
    mali_2017: CountryReport, parse: ParseFn, reference: Reference
) -> None:
    # 2018 names JNIM but none of its members separately: members, not groups that vanished.
    text = chapter(2018, "JNIM claimed responsibility for most attacks in the north.", [])
    diff = compare_reports(mali_2017, parse(text, "mali-2018.txt"), reference.gazetteer)
    absorbed = {g.id: g.part_of for g in diff.groups.absorbed}
    assert absorbed == {
        "al-murabitoun": "jnim",
        "ansar-al-dine": "jnim",
        "katiba-macina": "jnim",
        "aqim-sahara": "jnim",
    }
    # The former name 2017 gave beside Katiba Macina is not a group that went either.
    assert "macina-liberation-front" not in {g.id for g in diff.groups.removed}
    [line] = [line for line in lines(diff) if "Katiba Macina" in line]
    assert line == (
        "al-Murabitoun, Ansar al-Dine, Katiba Macina and AQIM's Sahara branch, part of JNIM, are "
        "no longer named separately (JNIM is)."
    )
    assert [line for line in lines(diff) if line.startswith("No longer named")] == [
        "No longer named: AQIM, ISIS-GS and al-Qa'ida."
    ]


def test_a_member_newly_named_is_shown_with_its_umbrella(
    mali_2017: CountryReport, parse: ParseFn, reference: Reference
) -> None:
    old = parse(chapter(2018, "JNIM claimed most attacks.", []), "mali-2018.txt")
    new = parse(
        chapter(2019, "JNIM and its component Katiba Macina claimed most attacks.", []),
        "mali-2019.txt",
    )
    diff = compare_reports(old, new, reference.gazetteer)
    assert "Newly named: Katiba Macina (part of JNIM)." in lines(diff)


def test_toll_line_only_with_figures(parse: ParseFn, reference: Reference) -> None:
    incident = "On May 3, gunmen attacked a market in Gao."
    old = parse(chapter(2018, "JNIM claimed most attacks.", [incident]), "mali-2018.txt")
    new = parse(
        chapter(2019, "JNIM claimed most attacks.", ["On June 9, gunmen attacked a bus in Mopti."]),
        "mali-2019.txt",
    )
    diff = compare_reports(old, new, reference.gazetteer)
    assert diff.incidents.killed_min == TollChange(
        old=None, new=None, delta=None, old_given_by=0, new_given_by=0
    )
    [line] = [h.text for h in diff.headline if h.topic == "incidents"]
    assert line == "1 incident described (1 in 2018); no toll given in either year."
    assert "at least 0" not in " ".join(lines(diff))


def test_toll_line_says_which_year_gives_no_figure(diff_17_18: YearDiff) -> None:
    [line] = [line for line in lines(diff_17_18) if "described" in line]
    assert line.startswith("1 incident described (5 in 2017); at least 1 killed in them")
    assert diff_17_18.incidents.killed_min.delta == 1 - 83


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (None, 4, "at least 4 killed in them (no toll given in 2016)"),
        (4, None, "no toll given (at least 4 killed in 2016)"),
    ],
)
def test_one_year_without_a_figure(old: int | None, new: int | None, expected: str) -> None:
    toll = TollChange(
        old=old,
        new=new,
        delta=None,
        old_given_by=0 if old is None else 1,
        new_given_by=0 if new is None else 1,
    )
    empty = TollChange(old=None, new=None, delta=None, old_given_by=0, new_given_by=0)
    incidents = IncidentsDiff(
        old_count=2, new_count=2, killed_min=toll, wounded_min=empty, kidnapped_min=empty
    )
    texts = [
        h.text for h in headlines(GroupsDiff(), incidents, LegalDiff(), [], None, (2016, 2017))
    ]
    assert texts[0] == f"2 incidents described (2 in 2016); {expected}."


def test_no_count_word_is_left_in_the_singular_or_with_s_in_brackets(
    diff_17_18: YearDiff,
) -> None:
    text = " ".join(lines(diff_17_18))
    assert "(s)" not in text
    assert not re.search(r"\b1 (?:incidents|measures|legal measures)\b", text)


def _headline_texts(key: str, measure: float, sentences: SentenceAlignment) -> list[str]:
    """The headlines of a pair whose only change is one section (every measure `measure`)."""
    section = SectionDiff(
        key=key,
        old_heading=None,
        new_heading=None,
        cosine=measure,
        jaccard=measure,
        edit=measure,
        simple=measure,
        recycled_share=measure,
        sentences=sentences,
    )
    empty = TollChange(old=None, new=None, delta=None, old_given_by=0, new_given_by=0)
    incidents = IncidentsDiff(
        old_count=0, new_count=0, killed_min=empty, wounded_min=empty, kidnapped_min=empty
    )
    lines = headlines(GroupsDiff(), incidents, LegalDiff(), [section], 0.9, (2016, 2017))
    return [h.text for h in lines]


def test_a_section_of_leftovers_never_headlines() -> None:
    leftovers = SentenceAlignment(
        added=[SentenceRef(text="Disclaimer:", start=0, end=11)],
        removed=[SentenceRef(text="Page 3 of 12", start=0, end=12)],
    )
    texts = _headline_texts("body", 0.0, leftovers)
    assert not [t for t in texts if t.startswith("Most changed section")]


@pytest.mark.parametrize(("new_words", "headlined"), [(15, True), (14, False)])
def test_a_section_headlines_once_both_years_have_enough_words_over_all_sentences(
    new_words: int, headlined: bool
) -> None:
    def ref(words: int, start: int) -> SentenceRef:
        text = " ".join(["word"] * words)
        return SentenceRef(text=text, start=start, end=start + len(text))

    sentences = SentenceAlignment(
        unchanged=[SentencePair(old=ref(8, 0), new=ref(8, 0))],
        removed=[ref(8, 100)],
        added=[ref(new_words - 8, 200)],
    )
    texts = _headline_texts("overview", 0.5, sentences)
    assert any(t.startswith("Most changed section") for t in texts) is headlined
