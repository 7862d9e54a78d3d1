"""What counts as an incident, its dates, places and actors: the failing examples of issue #10
and adversarial phrasings of our own, each parsed as part of a small chapter."""

from crtdiff.schemas import Attribution, CountryReport, IncidentKind, Target
from tests.conftest import ParseFn

OVERVIEW = (
    "Overview: The government remained a partner in the fight against terrorism and violent "
    "extremism. It continued to rely on its international partners for security."
)


def chapter(
    parse: ParseFn,
    bullets: list[str],
    *,
    country: str = "Mali",
    year: int = 2016,
    overview: str = OVERVIEW,
    lead: str = "Terrorist incidents included:",
    rest: str = "",
) -> CountryReport:
    """A chapter in the 2014+ outline with these incident bullets."""
    text = f"{overview}\n\n{year} Terrorist Incidents: {lead}\n\n"
    text += "".join(f"• {b}\n" for b in bullets)
    if rest:
        text += f"\n{rest}\n"
    text += (
        "\nLegislation, Law Enforcement, and Border Security: The government continued to "
        "train its police.\n"
    )
    return parse(text.encode(), "chapter.txt", country=country, year=year)


# --- 2. What is an attack -------------------------------------------------------------------


def test_a_hostage_release_is_not_an_incident(parse: ParseFn) -> None:
    report = chapter(
        parse,
        [
            "On March 3, AQIM released a French hostage it had held since 2011.",
            "On April 9, gunmen kidnapped two aid workers in Menaka.",
        ],
    )
    assert [i.date for i in report.incidents] == ["2016-04-09"]


def test_a_period_total_is_an_aggregate_not_an_incident(parse: ParseFn) -> None:
    report = chapter(
        parse,
        [
            "Through December, IEDs had killed 10 soldiers in the Kidal region.",
            "On May 2, gunmen attacked a checkpoint in Gao, killing one soldier.",
        ],
    )
    assert [i.date for i in report.incidents] == ["2016-05-02"]
    [aggregate] = report.aggregate_tolls
    assert (aggregate.killed_min, aggregate.victims) == (10, "soldiers")
    assert aggregate.evidence.sentence.startswith("Through December")


def test_an_attackers_past_training_is_not_an_incident(parse: ParseFn) -> None:
    report = chapter(
        parse,
        [
            "On April 2, a suicide bomber attacked a checkpoint in Gao, killing two soldiers. "
            "The attacker had trained in AQIM camps in 2012.",
        ],
        lead="In May, authorities said one of the attackers had trained in AQIM camps. "
        "Terrorist incidents included:",
    )
    assert [(i.date, i.killed_min) for i in report.incidents] == [("2016-04-02", 2)]


def test_state_security_operations_are_not_incidents(parse: ParseFn) -> None:
    report = chapter(
        parse,
        [
            "On August 8, police raided a house in Bekasi, killing two suspects.",
            "On May 10, French forces conducted a raid near Gorom-Gorom that freed four hostages.",
            "On June 2, FAMa soldiers killed 12 militants in an operation near Boni.",
            "On June 3, militants attacked a FAMa base in Boni, killing five soldiers.",
        ],
    )
    [attack] = report.incidents
    assert (attack.date, attack.place, attack.target, attack.killed_min) == (
        "2016-06-03",
        "Boni",
        Target.MILITARY,
        5,
    )


def test_an_attack_told_only_in_the_overview_is_an_incident_once(parse: ParseFn) -> None:
    report = chapter(
        parse,
        ["On January 18, a suicide bomber attacked a military camp in Baidoa, killing 77 people."],
        country="Somalia",
        year=2017,
        overview=(
            "Overview: On October 14, a truck bomb in Mogadishu killed more than 500 people, the "
            "deadliest terrorist attack in the country's history. The January 18 attack on the "
            "camp in Baidoa killed 77 people. The November 20, 2015, attack on the Radisson hotel "
            "in Bamako was still under investigation. The October 4 ambush near Tongo Tongo, "
            "Niger, killed four U.S. soldiers."
        ),
    )
    by_date = {i.date: i for i in report.incidents}
    assert sorted(by_date) == ["2017-01-18", "2017-10-14"]
    truck = by_date["2017-10-14"]
    assert (truck.place, truck.kind, truck.killed_min) == (
        "Mogadishu",
        IncidentKind.SUICIDE_OR_VBIED,
        500,
    )
    assert [f.value for f in truck.toll_flags] == ["at_least"]
    assert truck.evidence.section == "overview"
    assert by_date["2017-01-18"].evidence.section == "incidents"
    references = {r.date: r.reason.value for r in report.referenced_incidents}
    assert references == {"2015-11-20": "earlier_year", "2017-10-04": "other_country"}


# --- 3. Dates --------------------------------------------------------------------------------


def test_dates_inside_a_lead_in_sentence(parse: ParseFn) -> None:
    report = chapter(
        parse,
        [],
        country="Nigeria",
        lead=(
            "Boko Haram carried out attacks throughout the year, including May 24, when two "
            "suicide bombers killed 10 people at a market in Maiduguri. Attacks on places of "
            "worship included a June 3 bombing of a church in Kano and a June 30 stabbing at a "
            "mosque in Zaria."
        ),
    )
    found = [(i.date, i.place, i.kind) for i in report.incidents]
    assert found == [
        ("2016-05-24", "Maiduguri", IncidentKind.SUICIDE_OR_VBIED),
        ("2016-06-03", "Kano", IncidentKind.BOMBING),
        ("2016-06-30", "Zaria", IncidentKind.ARMED_ASSAULT),
    ]
    assert report.incidents[0].killed_min == 10


def test_two_days_in_one_bullet_are_two_incidents(parse: ParseFn) -> None:
    report = chapter(
        parse,
        ["On July 8 and September 6, gunmen attacked the police station in Diffa."],
        country="Niger",
    )
    assert [(i.date, i.date_end, i.place) for i in report.incidents] == [
        ("2016-07-08", None, "Diffa"),
        ("2016-09-06", None, "Diffa"),
    ]
    assert len({i.id for i in report.incidents}) == 2


# --- 4. Places -------------------------------------------------------------------------------


def test_a_town_in_a_region(parse: ParseFn) -> None:
    report = chapter(
        parse,
        [
            "On February 6, Boko Haram attacked Bosso town in the Diffa region, killing five soldiers."
        ],
        country="Niger",
    )
    [attack] = report.incidents
    assert (attack.place, attack.region, attack.country) == ("Bosso", "Diffa", "Niger")


def test_a_town_the_table_knows_brings_its_country_not_a_region(parse: ParseFn) -> None:
    report = chapter(parse, ["On March 9, gunmen attacked a school in Ayorou, killing a teacher."])
    [attack] = report.incidents
    assert (attack.place, attack.place_canonical, attack.country) == ("Ayorou", "Ayorou", "Niger")
    assert attack.region is None  # none is written


def test_where_a_kidnapping_began_is_where_it_happened(parse: ParseFn) -> None:
    report = chapter(
        parse,
        ["On October 14, a U.S. citizen was kidnapped in Niger and later killed in northern Mali."],
    )
    [kidnapping] = report.incidents
    assert (kidnapping.country, kidnapping.kind) == ("Niger", IncidentKind.KIDNAPPING)
    assert (kidnapping.kidnapped_min, kidnapping.killed_min) == (1, 1)


def test_spellings_of_one_place_are_one_canonical_place(parse: ParseFn) -> None:
    report = chapter(
        parse,
        [
            "On May 4, gunmen attacked a market in Tillabery, killing four people.",
            "On June 5, gunmen attacked a market in Tillabéri, killing six people.",
        ],
        country="Niger",
    )
    assert [(i.place, i.place_canonical) for i in report.incidents] == [
        ("Tillabery", "Tillaberi"),
        ("Tillabéri", "Tillaberi"),
    ]


# --- 5. Groups and actors --------------------------------------------------------------------


def test_state_forces_and_missions_are_never_groups_or_perpetrators(parse: ParseFn) -> None:
    report = chapter(
        parse,
        [
            "On March 5, al-Shabaab attacked a Kenya Defence Forces (KDF) base in El Adde, "
            "killing dozens of soldiers; the Somali National Army (SNA) and AMISOM later "
            "retook the town.",
        ],
        country="Somalia",
        overview=(
            "Overview: The Somali National Army (SNA), the Malian Armed Forces (FAMa) and the "
            "Multinational Joint Task Force (MNJTF) fought al-Shabaab."
        ),
    )
    assert [g.id for g in report.groups] == ["al-shabaab"]
    [attack] = report.incidents
    assert attack.perpetrators == ["al-shabaab"]
    assert attack.target is Target.MILITARY


def test_isis_branches_are_one_group_each(parse: ParseFn) -> None:
    report = chapter(
        parse,
        [],
        country="Libya",
        overview=(
            "Overview: ISIL-Libya lost Sirte in December. ISIS-Libya remained active in the "
            "south. The Islamic State in West Africa recruited in Niger, and the Sahara branch "
            "of AQIM operated along the border. ISIS in Libya fighters fled to the desert."
        ),
    )
    assert [g.id for g in report.groups] == ["isis-libya", "iswa", "aqim-sahara"]


def test_groups_defined_inline_or_named_in_passing(parse: ParseFn) -> None:
    report = chapter(
        parse,
        [],
        country="Philippines",
        overview=(
            "Overview: Tuareg rebels, known as the Alliance for Democracy and Change (ADC), "
            "attacked army posts in 2006. The government continued peace talks with the Moro "
            "Islamic Liberation Front, which signed a framework agreement in 2012."
        ),
    )
    ids = [g.id for g in report.groups]
    assert ids == ["adc", "milf"]
    adc = report.groups[0]
    assert (adc.name, adc.from_gazetteer) == ("Alliance for Democracy and Change", False)


def test_suspected_and_plainly_named_perpetrators(parse: ParseFn) -> None:
    report = chapter(
        parse,
        [
            "On May 14, gunmen likely affiliated with ISIS-GS attacked a patrol near Ayorou, "
            "killing three soldiers.",
        ],
        country="Niger",
    )
    [attack] = report.incidents
    assert (attack.perpetrators, attack.attribution) == (["isis-gs"], Attribution.SUSPECTED)
    colombia = chapter(
        parse,
        [
            "On March 5, an ELN terrorist detonated a bomb at a police station in Cucuta, killing two officers."
        ],
        country="Colombia",
    )
    [bomb] = colombia.incidents
    assert (bomb.perpetrators, bomb.kind, bomb.killed_min) == (["eln"], IncidentKind.BOMBING, 2)
    assert bomb.place == "Cucuta"


# --- The rules behind the classes, each in phrasings of our own ----------------------------


def test_a_later_event_or_a_period_total_ends_the_incident(parse: ParseFn) -> None:
    report = chapter(
        parse,
        [],
        country="India",
        lead=(
            "On March 3, three bombs exploded at a bus station in Jaipur; about 20 people died. "
            "Militants killed at least 40 civilians in Jaipur during 2016. No group claimed "
            "responsibility for the bombings. Four days later, police raided a house in Jaipur, "
            "killing two suspects in a shootout in which a constable also died."
        ),
    )
    [bombing] = report.incidents
    assert (bombing.killed_min, [f.value for f in bombing.toll_flags]) == (20, ["estimated"])
    assert bombing.attribution is Attribution.UNCLAIMED


def test_a_paragraph_that_opens_with_its_date_goes_on_about_its_incident(parse: ParseFn) -> None:
    text = (
        f"{OVERVIEW}\n\n2016 Terrorist Incidents: Attacks included the following.\n\n"
        "On May 8, two suicide bombers struck the market of Bol in the Lac region. The "
        "government said 20 people were killed; aid workers reported at least 31 dead. "
        "On June 2, gunmen attacked a checkpoint near Bol, wounding three gendarmes.\n\n"
        "Legislation, Law Enforcement, and Border Security: The government trained police.\n"
    )
    report = parse(text.encode(), "chapter.txt", country="Chad", year=2016)
    market, checkpoint = report.incidents
    assert (market.killed_min, [f.value for f in market.toll_flags]) == (20, ["competing"])
    assert [(f.value, f.source) for f in market.competing_figures] == [
        (20, "The government said"),
        (31, "aid workers reported"),
    ]
    assert (checkpoint.killed_min, checkpoint.wounded_min) == (None, 3)


def test_suspected_wins_over_unclaimed(parse: ParseFn) -> None:
    report = chapter(
        parse,
        [
            "On April 4, a car bomb exploded near the governor's office in Kismayo. The attack "
            "bore the hallmarks of al-Shabaab, although no group claimed it.",
        ],
        country="Somalia",
    )
    [bomb] = report.incidents
    assert (bomb.perpetrators, bomb.attribution) == (["al-shabaab"], Attribution.SUSPECTED)


def test_strikes_trials_and_rescues_by_the_state_are_not_incidents(parse: ParseFn) -> None:
    report = chapter(
        parse,
        [
            "On February 2, a French airstrike on an AQIM camp near Tessalit killed 15 fighters.",
            "On March 9, a military court in Bamako convicted five AQIM members, who were later executed.",
            "On April 1, gunmen tried to assassinate a judge outside his home in Mopti; he escaped "
            "unharmed, but one of his guards was wounded.",
        ],
    )
    [attempt] = report.incidents
    assert (attempt.date, attempt.wounded_min, attempt.killed_min) == ("2016-04-01", 1, None)


def test_hacked_to_death_in_an_overview_is_an_incident(parse: ParseFn) -> None:
    report = chapter(
        parse,
        [],
        country="Bangladesh",
        overview=(
            "Overview: Violent extremists continued to kill writers in 2016, including March 12, "
            "when attackers hacked to death a blogger in Sylhet."
        ),
    )
    [murder] = report.incidents
    assert (murder.date, murder.killed_min, murder.evidence.section) == (
        "2016-03-12",
        1,
        "overview",
    )


def test_one_sentence_attributes_the_incidents_before_it(parse: ParseFn) -> None:
    report = chapter(
        parse,
        [
            "On March 2, a grenade attack on a bar in Mombasa wounded six people.",
            "On April 9, a grenade attack on a church in Garissa killed one person.",
            "On May 3, gunmen kidnapped two engineers near Mandera.",
        ],
        country="Kenya",
        rest="Police suspected al-Shabaab of involvement in both grenade attacks and in the kidnapping.",
    )
    assert [(i.perpetrators, i.attribution) for i in report.incidents] == [
        (["al-shabaab"], Attribution.SUSPECTED)
    ] * 3


def test_the_bombings_named_before_are_the_ones_attributed(parse: ParseFn) -> None:
    report = chapter(
        parse,
        ["On May 6, gunmen attacked a police post in Poso, killing two officers."],
        country="Indonesia",
        overview=(
            "Overview: The government made progress in 2016, but the April 14 bombings in "
            "Jakarta killed five people. Authorities attributed the bombings to a cell of "
            "Jemaah Islamiya."
        ),
    )
    by_date = {i.date: i for i in report.incidents}
    assert (by_date["2016-04-14"].perpetrators, by_date["2016-04-14"].attribution) == (
        ["jemaah-islamiya"],
        Attribution.SUSPECTED,
    )
    assert by_date["2016-05-06"].perpetrators == []  # a shooting, not one of the bombings


def test_an_instance_is_the_doing_of_the_sentence_subject(parse: ParseFn) -> None:
    report = chapter(
        parse,
        [],
        country="Cameroon",
        lead="Boko Haram used children as suicide bombers, including July 22, when two girls blew themselves up at a market in Maroua, killing 20 people.",
    )
    [bombing] = report.incidents
    assert (bombing.perpetrators, bombing.place, bombing.killed_min) == (
        ["boko-haram"],
        "Maroua",
        20,
    )


def test_a_site_named_again_elsewhere_is_the_listed_incident(parse: ParseFn) -> None:
    report = chapter(
        parse,
        ["On March 7, gunmen attacked La Terrasse, a restaurant in Bamako, killing five people."],
        rest=(
            "Legislation, Law Enforcement, and Border Security: Police arrested two suspects in "
            "connection with the March 7 attack on La Terrasse."
        ),
    )
    [attack] = report.incidents
    assert (attack.date, attack.place, attack.evidence.section) == (
        "2016-03-07",
        "Bamako",
        "incidents",
    )


def test_a_foreign_attack_in_passing_is_a_reference_in_its_country(parse: ParseFn) -> None:
    report = chapter(
        parse,
        ["On May 2, gunmen attacked a checkpoint in Mogadishu, killing two soldiers."],
        country="Somalia",
        overview=(
            "Overview: The group showed its reach with the September 21 attack on a shopping "
            "mall in Nairobi, Kenya, which killed at least 67 people."
        ),
    )
    assert [i.date for i in report.incidents] == ["2016-05-02"]
    [reference] = report.referenced_incidents
    assert (reference.date, reference.country, reference.reason.value) == (
        "2016-09-21",
        "Kenya",
        "other_country",
    )


def test_victims_of_another_country_are_foreigners(parse: ParseFn) -> None:
    report = chapter(
        parse,
        [
            "On May 3, gunmen kidnapped two Italian engineers near Kidal.",
            "On May 9, gunmen kidnapped two Malian engineers near Kidal.",
        ],
    )
    italians, malians = report.incidents
    assert italians.target is Target.FOREIGNERS
    assert malians.target is not Target.FOREIGNERS


def test_dates_listed_together_share_their_places_and_count_a_total_once(parse: ParseFn) -> None:
    report = chapter(
        parse,
        [
            "On May 13 and May 14, bombs exploded in Jaipur and Pune; the Pune blasts killed "
            "nine people.",
            "On June 3 and 4, gunmen killed at least 40 villagers in attacks near Kukawa.",
        ],
        country="India",
    )
    by_date = {i.date: i for i in report.incidents}
    assert [(d, by_date[d].place, by_date[d].killed_min) for d in sorted(by_date)] == [
        ("2016-05-13", "Jaipur", None),
        ("2016-05-14", "Pune", 9),
        ("2016-06-03", "Kukawa", 40),
        ("2016-06-04", "Kukawa", None),
    ]


def test_girls_who_blew_themselves_up_at_a_rally_are_a_suicide_attack_on_civilians(
    parse: ParseFn,
) -> None:
    report = chapter(
        parse,
        [
            "On June 22, two girls blew themselves up at a campaign rally in Gombe, killing 12 people."
        ],
        country="Nigeria",
    )
    [attack] = report.incidents
    assert (attack.kind, attack.target, attack.killed_min) == (
        IncidentKind.SUICIDE_OR_VBIED,
        Target.CIVILIANS,
        12,
    )


def test_an_attack_the_army_repelled_is_an_incident(parse: ParseFn) -> None:
    report = chapter(
        parse,
        ["On May 3, soldiers repelled an attack on their base in Boni, killing ten militants."],
    )
    [attack] = report.incidents
    assert (attack.place, attack.target, attack.killed_min) == ("Boni", Target.MILITARY, None)


def test_aircraft_that_strike_hideouts_are_a_state_operation(parse: ParseFn) -> None:
    report = chapter(
        parse,
        [
            "In December, Iraqi and Coalition aircraft struck ISIS hideouts in the Hamrin Mountains, killing 20 fighters.",
            "On October 26, ISIS militants killed 11 villagers in al-Rashad, Diyala province.",
        ],
        country="Iraq",
    )
    [killing] = report.incidents
    assert (killing.place, killing.region, killing.kind, killing.killed_min) == (
        "al-Rashad",
        "Diyala",
        IncidentKind.ARMED_ASSAULT,
        11,
    )


def test_a_claim_made_later_belongs_to_its_incident(parse: ParseFn) -> None:
    report = chapter(
        parse,
        [
            "On January 17, a car bomb exploded at a police academy in Bogota, killing 22 cadets. "
            "The ELN claimed responsibility on January 21.",
        ],
        country="Colombia",
    )
    [bombing] = report.incidents
    assert (bombing.perpetrators, bombing.attribution, bombing.killed_min) == (
        ["eln"],
        Attribution.CLAIMED,
        22,
    )
