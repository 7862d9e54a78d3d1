"""Edge cases of a comparison, each one exact situation in two small reports built fact by fact
(tests/builders.py), not two whole chapters that happen to contain it."""

from collections.abc import Callable

import pytest

from crtdiff.reference.bundle import Reference
from crtdiff.schemas.diff import YearDiff
from crtdiff.series.compare import compare_reports
from tests.builders import ReportBuilder

ATTACK = "On May 3, 2016, JNIM militants attacked a base in Gao, killing four soldiers."
LATER = "On June 9, 2016, AQIM fighters attacked a convoy near Kidal."
LAW = "In July, the National Assembly adopted a counterterrorism law."
OVERVIEW = "Mali remained a partner of the United States."


def year(
    number: int, *, attack: bool = True, later: bool = False, law: bool = False,
    aqim: bool = False, overview: bool = True,
) -> ReportBuilder:  # fmt: skip
    b = ReportBuilder(year=number)
    if overview:
        b.sentence("overview", OVERVIEW)
    if attack:
        text = b.sentence("incidents", ATTACK.replace("2016", str(number)))
        b.incident(text, f"{number}-05-03", place="Gao", killed_min=4, perpetrators=["jnim"])
        b.group("jnim", "Jama'at Nusrat al-Islam wal-Muslimin", text, acronym="JNIM")
    if later:
        text = b.sentence("incidents", LATER.replace("2016", str(number)))
        b.incident(text, f"{number}-06-09", place="Kidal", perpetrators=["aqim"])
    if aqim or later:
        text = (
            LATER.replace("2016", str(number))
            if later
            else b.sentence("overview", "AQIM remained active in the north.")
        )
        b.group("aqim", "al-Qa'ida in the Islamic Maghreb", text, acronym="AQIM")
    if law:
        b.measure(
            b.sentence("legislation", LAW), "law", status="adopted", subject="counterterrorism law"
        )
    return b


Check = Callable[[YearDiff], bool]
CASES: dict[str, tuple[ReportBuilder, ReportBuilder, Check]] = {
    "the same chapter twice changes nothing": (
        year(2016), year(2016), lambda d: d.is_empty and d.recycled_share == 1.0
    ),
    "a group named only in the new year is added": (
        year(2016), year(2017, aqim=True),
        lambda d: [g.id for g in d.groups.added] == ["aqim"] and not d.groups.removed,
    ),
    "a group no longer named is removed": (
        year(2016, aqim=True), year(2017),
        lambda d: [g.id for g in d.groups.removed] == ["aqim"] and not d.groups.added,
    ),
    "a year whose incidents give no toll has a null total, never zero": (
        year(2016, attack=False, later=True), year(2017),
        lambda d: (d.incidents.killed_min.old, d.incidents.killed_min.new,
                   d.incidents.killed_min.delta) == (None, 4, None),
    ),
    "both years give the toll: the delta is their difference": (
        year(2016), year(2017, later=True),
        lambda d: (d.incidents.killed_min.old, d.incidents.killed_min.new,
                   d.incidents.killed_min.delta) == (4, 4, 0)
        and d.incidents.killed_min.new_given_by == 1,
    ),
    "an incident of the new year is new, with its perpetrator newly active": (
        year(2016), year(2017, later=True),
        lambda d: {i.place for i in d.incidents.new} == {"Gao", "Kidal"}
        and d.incidents.perpetrators_newly_active == ["aqim"],
    ),
    "a new legal measure is reported as new": (
        year(2016), year(2017, law=True),
        lambda d: [m.kind for m in d.legal_measures.new] == ["law"]
        and not d.legal_measures.no_longer_mentioned,
    ),
    "a measure no longer mentioned is reported so": (
        year(2016, law=True), year(2017),
        lambda d: len(d.legal_measures.no_longer_mentioned) == 1,
    ),
    "a section one year lacks has no similarity figures": (
        year(2016, overview=False), year(2017),
        lambda d: (s := {x.key: x for x in d.sections}["overview"]).cosine is None
        and s.old_heading is None and len(s.sentences.added) == 1,
    ),
    "no incident in either year: counts zero, totals null": (
        year(2016, attack=False), year(2017, attack=False),
        lambda d: (d.incidents.old_count, d.incidents.new_count) == (0, 0)
        and d.incidents.killed_min.old is None and d.incidents.killed_min.delta is None,
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_comparison_edge_case(reference: Reference, case: str) -> None:
    old, new, check = CASES[case]
    diff = compare_reports(old.build(), new.build(), reference.gazetteer)
    assert check(diff), diff.model_dump_json(include={"groups", "incidents", "legal_measures"})
