from pathlib import Path

import pytest

from crtdiff.extract.numbers import parse_number
from crtdiff.extract.tolls import _Reader, implausible_figures, may_hold_implausible, read_tolls
from crtdiff.text.sentences import sentence_spans


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("19", 19),
        ("five", 5),
        ("twenty-one", 21),
        ("1,200", 1200),
        ("a dozen", 12),
        ("one hundred", 100),
        ("Nineteen", 19),
        ("several", None),
        ("dozens of", None),
    ],
)
def test_numbers(text: str, value: int | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "killed", "wounded", "kidnapped", "flags"),
    [
        ("three French soldiers were killed by an IED attack", 3, None, None, []),
        (
            "resulted in at least 19 Malian soldiers killed and five kidnapped",
            19,
            None,
            5,
            ["at_least"],
        ),
        ("a Swiss citizen was abducted in Timbuktu", None, None, 1, []),
        ("One attacker was killed trying to breach the perimeter.", None, None, None, []),
        ("killing seven people and wounding more than 50", 7, 50, None, ["at_least"]),
        ("an estimated 177 civilians were killed", 177, None, None, ["estimated"]),
        (
            "The KDF claimed nine soldiers were killed; media reported at least 20 soldiers killed.",
            9,
            None,
            None,
            ["competing"],
        ),
        ("killing two civilians and four suicide bombers", 2, None, None, []),
        ("gunmen attacked a hotel; no figures were released", None, None, None, []),
        # Coordinated victim phrases are added up (issue #10).
        ("killing one UN peacekeeper and one Malian soldier", 2, None, None, []),
        ("killing four U.S. soldiers and four Nigerien soldiers", 8, None, None, []),
        ("four U.S. soldiers and four Nigerien soldiers were killed", 8, None, None, []),
        ("killed two police officers and a civilian", 3, None, None, []),
        ("killing 35 civilians, most of them women, and seven soldiers", 42, None, None, []),
        ("killing 12 soldiers, two civilians, and three attackers", 14, None, None, []),
        (
            "killed two peacekeepers and a civilian contractor and wounded several others",
            3,
            None,
            None,
            [],
        ),
        (
            "killing at least one Turkish security officer and several Somali civilians",
            1,
            None,
            None,
            ["at_least"],
        ),
        ("kidnapped two Italian priests and a Canadian nun", None, None, 3, []),
        # A subset after "including" is not added; it is a lower bound when the total is vague.
        (
            "killing five people, including a French citizen and a Belgian citizen",
            5,
            None,
            None,
            [],
        ),
        ("killing several people, including a pastor", 1, None, None, []),
        ("killing at least 15 people, including 10 soldiers", 15, None, None, ["at_least"]),
        # Approximate figures and verbs that kill or take one person.
        ("Approximately 30 people died in the attack.", 30, None, None, ["estimated"]),
        ("Around 40 villagers lost their lives.", 40, None, None, ["estimated"]),
        ("AQIM executed a hostage in the desert", 1, None, None, []),
        ("gunmen assassinated a colonel outside his home", 1, None, None, []),
        ("militants beheaded a village chief", 1, None, None, []),
        ("gunmen shot dead two teachers", 2, None, None, []),
        ("the attack left 12 dead and 30 wounded", 12, 30, None, []),
        # Times and distances are not victims; neither are the attackers.
        ("killing two soldiers; three days later, gunmen returned", 2, None, None, []),
        ("Two gunmen were killed by security forces.", None, None, None, []),
        ("a suicide bomber killed himself and two guards", 2, None, None, []),
        # Competing figures: both kept, the lower is the minimum, with its own qualifiers.
        (
            "the army said nine were killed; media reported at least 20",
            9,
            None,
            None,
            ["competing"],
        ),
        (
            "Officials said 12 people were killed, while hospital sources said 18 died.",
            12,
            None,
            None,
            ["competing"],
        ),
        (
            "Officials put the death toll at 40; aid groups reported more than 60.",
            40,
            None,
            None,
            ["competing"],
        ),
        (
            "Police said 14 were killed, but residents put the toll at 30 or more.",
            14,
            None,
            None,
            ["competing"],
        ),
        # A toll that counts the attackers too: the victims are the subset listed.
        (
            "The siege killed more than 300 people, including 20 soldiers and 35 civilians; most of the dead were militants.",
            55,
            None,
            None,
            ["at_least"],
        ),
        # One person named by a pronoun, a determiner or a possessive.
        ("gunmen shot a teacher in front of his class, wounding him.", None, 1, None, []),
        ("militants abducted an engineer; he was later found dead.", 1, None, 1, []),
        ("killing the driver and wounding his two sons", 1, 2, None, []),
        ("killing the occupants of the car", None, None, None, []),
        # Vague quantities give no figure.
        ("Dozens of peacekeepers were killed or wounded during the year.", None, None, None, []),
        ("killing several dozen villagers", None, None, None, []),
        # Stabbing and burning wound people, not houses.
        ("attackers stabbed two guards and burned a church", None, 2, None, []),
        ("burning homes and shops", None, None, None, []),
        # Two reported figures of different victims are added, not competing.
        (
            "Police said two soldiers were killed; officials said three civilians were also killed.",
            5,
            None,
            None,
            [],
        ),
    ],
)
def test_tolls_are_lower_bounds_and_unknown_is_not_zero(
    text: str, killed: int | None, wounded: int | None, kidnapped: int | None, flags: list[str]
) -> None:
    tolls = read_tolls(text)
    assert (tolls.killed, tolls.wounded, tolls.kidnapped) == (killed, wounded, kidnapped)
    assert sorted(f.value for f in tolls.flags) == flags


def test_competing_figures_are_kept_with_their_source() -> None:
    tolls = read_tolls("The army said nine soldiers were killed; media reported at least 20.")
    assert tolls.killed == 9
    figures = [(f.toll, f.value, f.source) for f in tolls.figures]
    assert figures == [("killed", 9, "The army said"), ("killed", 20, "media reported")]
    assert [f.flags for f in tolls.figures] == [[], ["at_least"]]


def test_figures_are_listed_only_when_they_compete() -> None:
    assert read_tolls("killing one UN peacekeeper and one Malian soldier").figures == []


def test_a_sourced_figure_for_the_same_victims_restates_the_toll() -> None:
    tolls = read_tolls("killing at least 12 passengers; officials said 14 people died.")
    assert (tolls.killed, sorted(f.value for f in tolls.flags)) == (12, ["at_least", "competing"])
    assert [(f.value, f.source) for f in tolls.figures] == [(12, None), (14, "officials said")]


_OPENER_TEXTS = [
    "Two soldiers and their driver were killed; Kirk Woodman, a Canadian geologist, was kidnapped.",
    "Himself a former fighter, he was wounded, and several others were also injured.",
    "The two guards, one of them a woman, were shot dead; her husband was later found dead.",
    "At least 19 Malian soldiers, 86 or more civilians and a dozen police were killed.",
    "Media reported twenty-one dead, while officials said about 30 people were wounded.",
    "Dozens of villagers, many of them children, were abducted by the group.",
    "Nearly forty worshippers died and an estimated 1,200 were displaced.",
    "U.S. citizen John Smith and Mohamed Ali were taken hostage on January 7.",
    "More than 100 people, including 47 civilians, were killed; most of the dead were militants.",
    "The death toll rose to 105, according to local media reports, and the bodies of two "
    "hostages were recovered.",
    "ISIS-West Africa fighters killed him and wounded her; thousands fled.",
]


class _EveryTokenOpens(_Reader):
    """The reader as it was before tokens that open no victim phrase were skipped."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.opens_named = [True] * len(self.toks)


def _gold_sentences() -> list[str]:
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    out: list[str] = []
    for path in sorted(fixtures.glob("*/chapters/*.txt")) + sorted(fixtures.glob("chapters/*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            out += [paragraph[s:e] for s, e in sentence_spans(paragraph)]
    return out


@pytest.mark.parametrize("text", _OPENER_TEXTS)
def test_a_token_marked_as_opening_no_victim_phrase_opens_none(text: str) -> None:
    reader = _Reader(text)
    for i in range(len(reader.toks)):
        if not reader.opens_named[i]:
            assert reader._phrase(i, bare=False) is None, reader.toks[i]


def test_skipping_tokens_that_open_no_victim_phrase_reads_the_same_figures() -> None:
    texts = _OPENER_TEXTS + _gold_sentences()
    assert len(texts) > 400
    read = [(t, _Reader(t).read()) for t in texts]
    assert sum(bool(figures) for _, figures in read) > 50
    for text, figures in read:
        assert figures == _EveryTokenOpens(text).read(), text


def test_a_text_without_a_long_number_has_no_implausible_figure_in_any_part() -> None:
    """extract_facts skips the per-sentence reading when the body has no long number."""
    hostile = "Officials said the attack killed 250,000 people. Two soldiers were wounded."
    assert may_hold_implausible(hostile)
    assert implausible_figures(hostile[:48]) == [("killed", 250_000)]
    assert not may_hold_implausible("Officials said the attack killed 9,999 people.")
    for text in _gold_sentences():
        if not may_hold_implausible(text):
            assert implausible_figures(text) == []


def test_implausible_figures_kept_per_text_are_never_shared_with_a_caller() -> None:
    text = "The bombing killed 250,000 people, officials said, and wounded 1,000,000."
    first = implausible_figures(text)
    assert first == [("killed", 250_000), ("wounded", 1_000_000)]
    first.clear()  # a caller's list is its own: the kept reading is unchanged
    assert implausible_figures(text) == [("killed", 250_000), ("wounded", 1_000_000)]
