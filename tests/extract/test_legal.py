"""Legal-measure triggers: the cheap cue test in front of them never hides a measure."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crtdiff.extract.legal import read_measure
from crtdiff.extract.legal_rules import RULES, Rule, cued_rules
from crtdiff.paths import DATA_DIR
from crtdiff.schemas import LegalStatus
from crtdiff.text.sentences import sentence_spans
from tests.conftest import FIXTURES, ParseFn

ANY_TRIGGER = re.compile("|".join(f"(?:{rule.trigger.pattern})" for rule in RULES), re.I)
CHAPTERS = sorted((FIXTURES / "chapters").glob("*.txt")) + sorted(DATA_DIR.rglob("*.txt"))


def _sentences(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_trigger_hit_has_its_rules_cue(path: Path) -> None:
    sentences = _sentences(path)
    assert any(ANY_TRIGGER.search(s) for s in sentences), f"{path.name}: no trigger at all"
    for rule in RULES:
        missed = [s for s in sentences if rule.trigger.search(s) and rule not in cued_rules(s)]
        assert missed == [], rule.kind


@pytest.mark.parametrize(
    "sentence",
    [
        "The National Assembly declared a state of siege in the north.",
        "A court convicted three men of terrorism.",
        "Five suspects were found guilty in March.",
        "The government adopted its national action plan.",
        "Parliament amended the Penal Codes in May.",
        "The president signed a decree creating the unit.",
        "Mali signed a memorandum of understanding with Niger.",
        "The MOU was signed in June.",
        "The ministry froze the group's assets.",
        "An asset-freezing regime was established.",
        "The bill was passed in October.",
        "A joint task force was set up.",
        "The judicial pole was created in 2013.",
    ],
)
def test_each_kind_of_trigger_passes_the_cue_test(sentence: str) -> None:
    triggered = [rule for rule in RULES if rule.trigger.search(sentence)]
    assert triggered
    assert all(rule in cued_rules(sentence) for rule in triggered)


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen attacked a village near the border.",
        "The Government of Mali remained a willing partner.",
    ],
)
def test_sentences_without_a_cue_are_not_triggers(sentence: str) -> None:
    assert cued_rules(sentence) == [] and not ANY_TRIGGER.search(sentence)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.kind.value)
def test_every_cue_is_part_of_its_trigger(rule: Rule) -> None:
    pattern = rule.trigger.pattern.lower()
    assert rule.cues and all(cue in pattern for cue in rule.cues)


def test_overlapping_cues_are_all_found() -> None:
    kinds = {rule.kind.value for rule in cued_rules("MOUNIT")}  # "mou" and "unit" share a "u"
    assert kinds == {"agreement", "unit"}


# --- Issue #10: kinds of their own, and summaries that are the sentence's own words ----------

WORD_CHAR = re.compile(r"\w")


def is_word_span(summary: str, sentence: str) -> bool:
    """True when `summary` is a contiguous span of `sentence` starting and ending on a word."""
    at = sentence.find(summary)
    if at < 0 or not summary:
        return False
    end = at + len(summary)
    starts = at == 0 or not (WORD_CHAR.match(sentence[at - 1]) and WORD_CHAR.match(summary[0]))
    ends = end == len(sentence) or not (
        WORD_CHAR.match(sentence[end]) and WORD_CHAR.match(summary[-1])
    )
    opens = bool(WORD_CHAR.match(summary[0])) or (
        summary[0] in "“‘\"'(" and len(summary) > 1 and bool(WORD_CHAR.match(summary[1]))
    )
    closes = (
        bool(WORD_CHAR.match(summary[-1]))
        or summary[-1] in ")”’\"'"
        or bool(re.search(r"(?:\b[A-Z]\.){2,}$", summary))  # "U.S."
    )
    return starts and ends and opens and closes


@pytest.mark.parametrize(
    ("sentence", "kind", "status", "date"),
    [
        (
            "In March, a judge issued an arrest warrant for Iyad Ag Ghali.",
            "arrest_warrant",
            "issued",
            "2016-03",
        ),
        (
            "On July 4, Niger extradited two terrorism suspects to Mali.",
            "extradition",
            "implemented",
            "2016-07-04",
        ),
        (
            "In June, the government designated Ansarul Islam a terrorist organization.",
            "designation",
            "adopted",
            "2016-06",
        ),
        (
            "In October, Mali ratified the African Union Convention on the Prevention and Combating of Terrorism.",
            "ratification",
            "adopted",
            "2016-10",
        ),
        (
            "In August, the ICC ordered al-Mahdi, convicted in 2016, to pay 2.7 million euros in reparations.",
            "reparations_order",
            "issued",
            "2016-08",
        ),
        (
            "In October, the government extended the state of emergency for six months.",
            "state_of_emergency",
            "extended",
            "2016-10",
        ),
        (
            "On November 20, the president declared a state of emergency.",
            "state_of_emergency",
            "adopted",
            "2016-11-20",
        ),
        (
            "The state of emergency remained in effect throughout the year.",
            "state_of_emergency",
            "in_force",
            None,
        ),
        (
            "On May 23, the president declared martial law in Mindanao.",
            "state_of_emergency",
            "adopted",
            "2016-05-23",
        ),
        (
            "In June, Parliament extended martial law until December 31.",
            "state_of_emergency",
            "extended",
            "2016-06",
        ),
        (
            "In March, the court largely confirmed the reparations order issued in 2015.",
            "reparations_order",
            "in_force",
            "2016-03",
        ),
        (
            "In May, the administrator issued arrest orders for 40 suspects.",
            "arrest_warrant",
            "issued",
            "2016-05",
        ),
        (
            "On June 2, authorities surrendered Ali Kofi to the International Criminal Court.",
            "extradition",
            "implemented",
            "2016-06-02",
        ),
        (
            "On March 1, the president signed a proclamation declaring the NPA a terrorist organization.",
            "designation",
            "adopted",
            "2016-03-01",
        ),
        (
            "The group remained on the list of Foreign Terrorist Organizations, on which it was placed in 2001.",
            "designation",
            "in_force",
            "2001",
        ),
        (
            "The central bank circulated the UN 1267 sanctions list to commercial banks.",
            "asset_freeze",
            "implemented",
            None,
        ),
        (
            "Kenya's 2012 terrorism law allows the freezing of assets of listed persons.",
            "asset_freeze",
            "in_force",
            "2012",
        ),
        ("Mali's 2010 law on terrorist financing remained in force.", "law", "in_force", "2010"),
        (
            "The Terrorism Act, passed in 2014, came into force during the year.",
            "law",
            "in_force",
            "2014",
        ),
        (
            "In May, the cabinet adopted a draft law and sent it to Parliament, which had not voted on it.",
            "law",
            "proposed",
            "2016-05",
        ),
        ("A bill to amend the terrorism law remained before the Senate.", "law", "proposed", None),
        (
            "The 2009 ordinance on money laundering was promulgated again pending a vote.",
            "decree",
            "extended",
            "2009",
        ),
        (
            "The government continued to implement its peace agreement with the rebels, who signed it in 2014.",
            "agreement",
            "implemented",
            "2014",
        ),
        (
            "The state of emergency was renewed in December.",
            "state_of_emergency",
            "extended",
            "2016-12",
        ),
    ],
)
def test_new_kinds_of_measure(
    sentence: str, kind: str, status: str | None, date: str | None
) -> None:
    reading = read_measure(sentence, 2016)
    assert reading is not None
    when = reading.date.date if reading.date else None
    assert (reading.kind.value, reading.status.value if reading.status else None, when) == (
        kind,
        status,
        date,
    )
    assert is_word_span(reading.summary, sentence)


@pytest.mark.parametrize(
    ("sentence", "summary"),
    [
        (
            "Implementation of Mali’s penal code of 2013, intended to help to counter terrorism "
            "and transnational organized crime, continued during 2016.",
            "Implementation of Mali’s penal code of 2013, intended to help to counter terrorism "
            "and transnational organized crime, continued during 2016",
        ),
        (
            "Created in 2013 and staffed since 2014, the now fully established unit took the lead "
            "in the investigation into the November 20, 2015, attack on the Radisson hotel.",
            "Created in 2013 and staffed since 2014, the now fully established unit took the lead "
            "in the investigation into the November 20, 2015, attack on the Radisson hotel",
        ),
    ],
)
def test_summaries_of_the_seed_are_readable_clauses(sentence: str, summary: str) -> None:
    reading = read_measure(sentence, 2016)
    assert reading is not None and reading.summary == summary


def test_a_long_sentence_is_summarised_by_the_clause_that_holds_the_measure() -> None:
    sentence = (
        "In accordance with the standard West African Economic and Monetary Union provisions "
        "pertaining to the implementation of UN Security Council resolution 1373 and the ISIL "
        "(Da’esh) and al-Qa’ida sanctions regime, Mali has incorporated provisions into its "
        "national law to enable the freezing of terrorist assets; however, implementation of "
        "this mechanism remained incomplete."
    )
    reading = read_measure(sentence, 2016)
    assert reading is not None
    assert reading.summary == (
        "Mali has incorporated provisions into its national law to enable the freezing of "
        "terrorist assets"
    )


FILLER = st.sampled_from(
    [
        "the",
        "government",
        "of",
        "in",
        "on",
        "and",
        "its",
        "a",
        "with",
        "for",
        "new",
        "court",
        "judge",
        "Mali",
        "national",
        "terrorism",
        "assets",
        "group,",
        "persons;",
        "(FORSAT)",
        "U.S.",
        "2015",
        "April",
        "9,",
        "—",
        "“Law”",
        "al-Qa’ida",
    ]
)
TRIGGERS = st.sampled_from(
    [
        "passed a law",
        "adopted a national strategy",
        "amended the penal code",
        "signed a decree",
        "convicted three men",
        "signed an agreement",
        "froze the assets",
        "declared a state of emergency",
        "issued an arrest warrant",
        "extradited a suspect",
        "ratified the convention",
        "ordered reparations",
        "created a new unit",
        "designated the group a terrorist organization",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(FILLER, max_size=25),
    TRIGGERS,
    st.lists(FILLER, max_size=25),
    st.sampled_from(["", "On March 3, ", "In 2015, ", "Since 2014 "]),
)
def test_every_summary_is_a_contiguous_word_span_of_its_sentence(
    before: list[str], trigger: str, after: list[str], lead: str
) -> None:
    sentence = lead + " ".join([*before, trigger, *after]) + "."
    reading = read_measure(sentence, 2016)
    if reading is not None:
        assert is_word_span(reading.summary, sentence), reading.summary
        assert is_word_span(reading.subject, sentence), reading.subject


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_summaries_on_every_chapter_are_word_spans(path: Path, parse: ParseFn) -> None:
    report = parse(path)
    for measure in report.legal_measures:
        assert is_word_span(measure.summary, measure.evidence.sentence), measure.summary


@pytest.mark.parametrize(
    "sentence",
    [
        "Mali had not yet adopted a national strategy to counter violent extremism.",
        "Somalia had no law criminalizing money laundering or terrorist financing.",
        "The country has not yet adopted anti-money laundering legislation that meets the standard.",
        "The government lacked a law allowing the freezing of terrorist assets.",
    ],
)
def test_a_measure_that_did_not_happen_is_none(sentence: str) -> None:
    assert read_measure(sentence, 2016) is None


def test_a_date_a_measure_runs_to_is_not_its_date() -> None:
    reading = read_measure(
        "The government declared a 10-day state of emergency, which Parliament later extended "
        "until March 31, 2017.",
        2016,
    )
    assert reading is not None and reading.date is None


def test_a_parliament_that_adopts_a_law_passes_it() -> None:
    reading = read_measure(
        "In March, the National Assembly adopted amendments to the penal code that criminalize "
        "terrorist financing.",
        2016,
    )
    assert reading is not None
    assert (reading.kind.value, reading.status, reading.date) == (
        "penal_code",
        LegalStatus.PASSED,
        reading.date,
    )
    assert reading.date is not None and reading.date.date == "2016-03"


def test_courts_that_sentence_members_of_a_group_convict() -> None:
    reading = read_measure(
        "Courts continued to sentence ISIS members to death, including 20 men in November.", 2016
    )
    assert reading is not None and (reading.kind.value, reading.status) == (
        "conviction",
        LegalStatus.SENTENCED,
    )
