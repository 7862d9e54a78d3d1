"""Kinds and targets of real phrasing (the gold chapters kenya-2015, jordan-2016, burkina-
faso-2016): one person shot for who they are, and the target as what was struck, not what it was
near (state forces named by acronym included)."""

import pytest

from crtdiff.schemas import IncidentKind, Target
from tests.conftest import ParseFn
from tests.extract.test_incidents import chapter


def test_one_person_shot_for_who_they_are_is_an_assassination(parse: ParseFn) -> None:
    report = chapter(
        parse,
        [
            "The writer Nahed Hattar, whom a gunman shot dead on September 25 outside the Palace "
            "of Justice in Amman, had been on trial."
        ],
        country="Jordan",
    )
    [killing] = report.incidents
    assert (killing.date, killing.place, killing.kind, killing.target) == (
        "2016-09-25",
        "Amman",
        IncidentKind.ASSASSINATION,
        Target.CIVILIANS,
    )


@pytest.mark.parametrize(
    ("bullet", "target"),
    [
        ("On May 2, gunmen attacked a police patrol in Karak.", Target.POLICE),
        ("On May 2, a car bomb struck a JAF post near the Rukban refugee camp.", Target.MILITARY),
        ("On May 2, a gunman attacked the GID office in Zarqa, killing five.", Target.GOVERNMENT),
        ("On May 2, a bomb exploded outside a police station in Irbid.", Target.POLICE),
        ("On May 2, gunmen attacked a customs post in Irbid.", Target.GOVERNMENT),
    ],
)
def test_the_target_is_what_was_struck_not_what_it_was_near(
    parse: ParseFn, bullet: str, target: Target
) -> None:
    [attack] = chapter(parse, [bullet], country="Jordan").incidents
    assert attack.target is target
    assert {g.id for g in chapter(parse, [bullet], country="Jordan").groups} == set()
