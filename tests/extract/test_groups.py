"""Group extraction beyond the seed: acronyms defined in the text, guards, near misses."""

from crtdiff.schemas import Evidence, Mention
from tests.conftest import ParseFn

LEAD = (
    "Overview: Mali remained a partner in the fight against terrorism and violent extremism. "
    "The government continued to rely on its international partners for security in the north "
    "and the center of the country.\n\n"
)


def chapter(text: str) -> bytes:
    return (LEAD + "2016 Terrorist Incidents: " + text + "\n").encode()


def test_acronym_defined_in_the_text_extends_a_known_group(parse: ParseFn) -> None:
    report = parse(
        chapter("Ansar Dine (AD) attacked a camp. On May 2, an attack near Gao was claimed by AD."),
        "mali-2016.txt",
    )
    [group] = report.groups
    assert group.id == "ansar-al-dine"
    assert [m.text for m in group.mentions] == ["Ansar Dine", "AD", "AD"]


def test_each_mention_carries_the_sentence_it_stands_in(parse: ParseFn) -> None:
    report = parse(
        chapter(
            "Ansar Dine (AD) attacked a camp near Kidal. On May 2, an attack near Gao was "
            "claimed by AD. The United Nations condemned it."
        ),
        "mali-2016.txt",
    )
    mentions = [m for g in report.groups for m in g.mentions]
    mentions += [m for o in report.organisations for m in o.mentions]
    assert [m.text for m in mentions] == ["Ansar Dine", "AD", "AD", "United Nations"]
    for mention in mentions:
        evidence = mention.evidence
        assert isinstance(mention, Mention) and isinstance(evidence, Evidence)
        assert report.body[mention.start : mention.end] == mention.text
        assert report.body[evidence.start : evidence.end] == evidence.sentence
        assert evidence.start <= mention.start < mention.end <= evidence.end
        assert evidence.section == "incidents"
    assert mentions[1].evidence.sentence == "Ansar Dine (AD) attacked a camp near Kidal."


def test_unknown_group_defined_in_the_text_is_kept_with_a_warning(parse: ParseFn) -> None:
    report = parse(
        chapter(
            "The Sahel Martyrs Brigade (SMB), a new group, attacked a convoy. SMB claimed the attack."
        ),
        "mali-2016.txt",
    )
    [group] = report.groups
    assert (group.id, group.name, group.acronym, group.from_gazetteer) == (
        "smb",
        "Sahel Martyrs Brigade",
        "SMB",
        False,
    )
    assert len(group.mentions) == 3
    assert "group_from_text" in [w.code for w in report.warnings]


def test_units_and_missions_defined_in_the_text_are_not_groups(parse: ParseFn) -> None:
    report = parse(
        chapter(
            "The Rapid Intervention Force (RIF) and the Joint Border Mission (JBM) patrolled Gao."
        ),
        "mali-2016.txt",
    )
    assert report.groups == []


def test_generic_actors_are_not_groups(parse: ParseFn) -> None:
    report = parse(
        chapter("Gunmen and unknown assailants from violent extremist groups attacked a market."),
        "mali-2016.txt",
    )
    assert report.groups == []


def test_near_miss_acronym_needs_a_single_close_group(parse: ParseFn) -> None:
    text = "AQIM and AAD remained active. On April 12, an attack was claimed by ADD in Tessalit."
    report = parse(chapter(text), "mali-2016.txt")
    assert [i.perpetrators for i in report.incidents] == [["ansar-al-dine"]]
    # With no group one letter away named in the chapter, the unknown acronym stays unread.
    lone = parse(chapter("On April 12, an attack was claimed by ADD in Tessalit."), "mali-2016.txt")
    assert lone.groups == [] and lone.incidents[0].perpetrators == []


def test_unlisted_spelling_variant_is_read_with_a_warning(parse: ParseFn) -> None:
    report = parse(
        chapter("Jamaat Nasrat al-Islam wa al-Muslimeen claimed an attack on a camp near Gao."),
        "mali-2016.txt",
    )
    assert [g.id for g in report.groups] == ["jnim"]
    assert "fuzzy_group_name" in [w.code for w in report.warnings]


def test_similarity_never_shortens_or_lengthens_a_name(parse: ParseFn) -> None:
    report = parse(
        chapter(
            "Al-Qa'ida in the Arabian Peninsula and the Islamic State of Iraq claimed attacks. "
            "The Ministry of Foreign Affairs of Mali condemned them."
        ),
        "mali-2016.txt",
    )
    assert [g.id for g in report.groups] == ["aqap", "aqi"]
    assert "fuzzy_group_name" not in [w.code for w in report.warnings]


def test_a_possessive_is_no_part_of_a_name(parse: ParseFn) -> None:
    report = parse(
        chapter("AQIM’s leadership praised the attack. The Lord's Resistance Army was quiet."),
        "mali-2016.txt",
    )
    assert [(g.id, [m.text for m in g.mentions]) for g in report.groups] == [
        ("aqim", ["AQIM"]),
        ("lra", ["Lord's Resistance Army"]),
    ]
