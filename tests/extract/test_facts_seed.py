"""The issue's acceptance facts on the real 2016 Mali chapter."""

from crtdiff.schemas import Attribution, CountryReport, IncidentKind, LegalMeasureKind, LegalStatus


def test_groups(seed_report: CountryReport) -> None:
    assert [g.id for g in seed_report.groups] == [
        "aqim",
        "al-murabitoun",
        "mujao",
        "macina-liberation-front",
        "ansar-al-dine",
    ]
    aad = next(g for g in seed_report.groups if g.id == "ansar-al-dine")
    assert "ADD" in [m.text for m in aad.mentions]  # the typo, read as AAD
    group_ids = {g.id for g in seed_report.groups}
    assert not group_ids & {"minusma", "operation-barkhane", "forsat", "add", "unscr-1267"}
    assert {"minusma", "operation-barkhane", "g5-sahel", "giaba", "egmont-group"} <= {
        o.id for o in seed_report.organisations
    }


def test_seven_incidents(seed_report: CountryReport) -> None:
    incidents = {i.date: i for i in seed_report.incidents}
    assert sorted(incidents) == [
        "2016-01-07",
        "2016-03-21",
        "2016-04-12",
        "2016-05-29",
        "2016-07-19",
        "2016-10-14",
        "2016-12-24",
    ]
    niger = incidents["2016-10-14"]
    assert (niger.country, niger.kind, niger.kidnapped_min) == ("Niger", IncidentKind.KIDNAPPING, 1)
    assert niger.perpetrators == ["aqim", "al-murabitoun"]
    assert niger.attribution is Attribution.CLAIMED
    nampala = incidents["2016-07-19"]
    assert (nampala.place, nampala.killed_min, nampala.kidnapped_min) == ("Nampala", 19, 5)
    assert [f.value for f in nampala.toll_flags] == ["at_least"]
    tessalit = incidents["2016-04-12"]
    assert (tessalit.place, tessalit.killed_min, tessalit.perpetrators) == (
        "Tessalit",
        3,
        ["ansar-al-dine"],
    )
    hotel = incidents["2016-03-21"]
    assert hotel.attribution is Attribution.SUSPECTED
    assert hotel.killed_min is None  # the attacker killed is not a victim; unknown is not zero
    assert incidents["2016-12-24"].attribution is Attribution.UNCLAIMED
    assert incidents["2016-05-29"].attribution is Attribution.UNKNOWN


def test_references_and_aggregates(seed_report: CountryReport) -> None:
    refs = {r.date: r for r in seed_report.referenced_incidents}
    assert set(refs) == {"2015-11-20", "2016-03-13"}
    assert refs["2015-11-20"].reason.value == "earlier_year"
    assert refs["2015-11-20"].place == "Radisson"
    assert (refs["2016-03-13"].reason.value, refs["2016-03-13"].country) == (
        "other_country",
        "Cote d'Ivoire",
    )
    assert not {i.date for i in seed_report.incidents} & set(refs)
    [toll] = seed_report.aggregate_tolls
    assert (toll.victims, toll.killed_min) == ("UN peacekeepers", 25)


def test_legal_measures(seed_report: CountryReport) -> None:
    measures = {(m.kind, m.date): m for m in seed_report.legal_measures}
    convictions = measures[(LegalMeasureKind.CONVICTION, "2016-11-28")]
    assert "Mohamed Ag Mohamed Alassane" in convictions.subject
    strategy = measures[(LegalMeasureKind.STRATEGY, "2016-06")]
    assert strategy.status is LegalStatus.DRAFTED
    assert strategy.subject.startswith(
        "first national strategy for the prevention of radicalization"
    )
    law = measures[(LegalMeasureKind.LAW, "2015-11-09")]
    assert law.status is LegalStatus.PASSED
    assert not any("law enforcement" in m.subject for m in seed_report.legal_measures)


def test_every_evidence_span_is_the_sentence_it_claims(seed_report: CountryReport) -> None:
    body = seed_report.body
    evidences = [i.evidence for i in seed_report.incidents]
    evidences += [r.evidence for r in seed_report.referenced_incidents]
    evidences += [a.evidence for a in seed_report.aggregate_tolls]
    evidences += [m.evidence for m in seed_report.legal_measures]
    mentions = [m for g in seed_report.groups for m in g.mentions]
    mentions += [m for o in seed_report.organisations for m in o.mentions]
    evidences += [m.evidence for m in mentions]
    sentences = {(s.start, s.end) for sec in seed_report.sections for s in sec.sentences}
    assert len(evidences) > 60
    for evidence in evidences:
        assert body[evidence.start : evidence.end] == evidence.sentence
        assert (evidence.start, evidence.end) in sentences
    for mention in mentions:
        assert body[mention.start : mention.end] == mention.text
        assert mention.evidence.start <= mention.start < mention.end <= mention.evidence.end
