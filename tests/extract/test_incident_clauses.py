"""Incidents of real phrasing (the gold chapters kenya-2015, jordan-2016, burkina-faso-2016):
dates that close their event's clause, claims told a sentence or a paragraph later, events
mentioned in passing (earlier years, other countries) and period totals in the Overview; each
case parsed as part of a small chapter."""

import pytest

from crtdiff.schemas import Attribution, IncidentKind, Target
from tests.conftest import ParseFn
from tests.extract.test_incidents import chapter


def test_a_date_that_closes_its_clause_dates_the_event(parse: ParseFn) -> None:
    report = chapter(
        parse,
        [
            "An IED explosion that killed three police officers near Mandera on October 27 was "
            "attributed to al-Shabaab.",
            "In Wajir County, where militants crossed the border throughout the year, gunmen shot "
            "and killed a local chief in Wajir town on November 3 as he left a mosque; no group "
            "claimed responsibility.",
        ],
        country="Kenya",
        year=2015,
    )
    ied, chief = report.incidents
    assert (ied.date, ied.place, ied.kind, ied.target, ied.perpetrators, ied.attribution) == (
        "2015-10-27",
        "Mandera",
        IncidentKind.BOMBING,
        Target.POLICE,
        ["al-shabaab"],
        Attribution.SUSPECTED,
    )
    assert (chief.date, chief.place, chief.region, chief.kind, chief.target) == (
        "2015-11-03",
        "Wajir",
        "Wajir",
        IncidentKind.ASSASSINATION,
        Target.GOVERNMENT,
    )
    assert chief.attribution is Attribution.UNCLAIMED
    assert report.aggregate_tolls == []  # "throughout the year" does not make it a total


@pytest.mark.parametrize(
    "sentence",
    [
        "Philippine security forces killed Hapilon and Omar Maute on October 16.",
        "TTP leader Baitullah Mehsud was killed in a missile strike in South Waziristan on "
        "August 5.",
        "AQIM claimed the kidnapping on February 4 and released one of the hostages in Niger.",
    ],
)
def test_a_closing_date_of_what_others_did_is_no_incident(parse: ParseFn, sentence: str) -> None:
    report = chapter(
        parse,
        ["On May 2, gunmen attacked a checkpoint in Gao, killing one soldier."],
        rest=sentence,
    )
    assert [i.date for i in report.incidents] == ["2016-05-02"]


def test_a_month_followed_by_a_comma_is_not_an_attack_noun(parse: ParseFn) -> None:
    report = chapter(
        parse,
        [
            "On September 1, gunmen attacked a customs post in Markoye, killing a customs "
            "officer and a civilian. ISIS-GS claimed the attack in October, its first claimed "
            "attack in the country.",
            "On October 12, gunmen attacked a military post at Intangom, killing four soldiers.",
        ],
        country="Burkina Faso",
    )
    customs, post = report.incidents
    assert (customs.date, customs.target, customs.perpetrators, customs.attribution) == (
        "2016-09-01",
        Target.GOVERNMENT,
        ["isis-gs"],
        Attribution.CLAIMED,
    )
    assert (post.date, post.place) == ("2016-10-12", "Intangom")


def test_an_earlier_event_named_after_the_attack_keeps_its_place(parse: ParseFn) -> None:
    report = chapter(
        parse,
        ["On April 2, al-Shabaab gunmen stormed Garissa University College in Garissa."],
        country="Kenya",
        year=2015,
        overview=(
            "Overview: The April 2 attack on Garissa University College was the deadliest in "
            "Kenya since the August 1998 bombing of the U.S. Embassy in Nairobi."
        ),
    )
    [attack] = report.incidents
    assert (attack.place, attack.evidence.section) == ("Garissa", "incidents")
    [embassy] = report.referenced_incidents
    assert (embassy.date, embassy.place) == ("1998-08", "Nairobi")


def test_a_dated_claim_belongs_to_the_incident_before_it(parse: ParseFn) -> None:
    report = chapter(
        parse,
        [
            "On December 18, gunmen attacked a police patrol in Karak, killing ten people. ISIS "
            "claimed responsibility on December 20, after security forces had killed the four "
            "attackers."
        ],
        country="Jordan",
    )
    [attack] = report.incidents
    assert (attack.perpetrators, attack.attribution) == (["isis"], Attribution.CLAIMED)


def test_a_claim_of_the_kidnapping_in_the_next_paragraph(parse: ParseFn) -> None:
    text = (
        "Overview: The government remained a partner in the fight against terrorism.\n\n"
        "2016 Terrorist Incidents: Incidents included:\n\n"
        "On January 15, gunmen kidnapped an Australian doctor in Djibo, Soum province.\n"
        "AQIM claimed the kidnapping on February 4 and released his wife in Niger.\n\n"
        "Legislation, Law Enforcement, and Border Security: The police were trained.\n"
    )
    report = parse(text.encode(), "chapter.txt", country="Burkina Faso", year=2016)
    [kidnapping] = report.incidents
    assert (kidnapping.place, kidnapping.region) == ("Djibo", "Soum")
    assert (kidnapping.perpetrators, kidnapping.attribution) == (["aqim"], Attribution.CLAIMED)
    assert report.referenced_incidents == []


def test_another_countrys_attack_mentioned_after_the_list_is_a_reference(
    parse: ParseFn,
) -> None:
    report = chapter(
        parse,
        ["On January 15, gunmen attacked a hotel in Ouagadougou, killing 30 people."],
        country="Burkina Faso",
        rest=(
            "AQIM also claimed the March 13 attack on the beach resort of Grand-Bassam, Cote "
            "d'Ivoire, which killed 19 people, and the November 2015 attack on the Radisson Blu "
            "hotel in Bamako, Mali."
        ),
    )
    assert [i.date for i in report.incidents] == ["2016-01-15"]
    dates = {(r.date, r.country, r.reason.value) for r in report.referenced_incidents}
    assert ("2016-03-13", "Cote d'Ivoire", "other_country") in dates


def test_a_pilot_burned_to_death_in_an_earlier_year_is_a_reference(parse: ParseFn) -> None:
    report = chapter(
        parse,
        ["On May 2, gunmen attacked a checkpoint in Karak, killing one soldier."],
        country="Jordan",
        overview=(
            "Overview: ISIS sought to strike the kingdom from Syria, where it had burned to death "
            "a captured Jordanian pilot in January 2015."
        ),
    )
    assert [r.date for r in report.referenced_incidents] == ["2015-01"]


def test_a_period_total_in_the_overview_is_an_aggregate(parse: ParseFn) -> None:
    report = chapter(
        parse,
        ["On May 2, gunmen attacked a checkpoint in Mandera, killing one soldier."],
        country="Kenya",
        overview=(
            "Overview: Al-Shabaab has killed more than 400 people in Kenya since Kenyan troops "
            "entered Somalia in October 2011. The group's founder died in police custody in "
            "July 2009 and was never replaced."
        ),
    )
    [total] = report.aggregate_tolls
    assert (total.killed_min, total.victims) == (400, "people")
    assert total.evidence.sentence.startswith("Al-Shabaab has killed")
