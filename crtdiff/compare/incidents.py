"""Incidents across two years: new ones, ones referenced again, toll totals and what is new."""

from collections.abc import Sequence

from crtdiff.schemas import CountryReport, Evidence, Incident, IncidentKind, ReferencedIncident
from crtdiff.schemas.diff import IncidentMatch, IncidentsDiff, TollChange
from crtdiff.text.normalize import match_key
from crtdiff.text.places import same_place


def _mentions(text: str, place: str) -> bool:
    return match_key(place) in match_key(text)


def _where(incident: Incident | ReferencedIncident) -> str | None:
    """The place to compare: its places.csv name when known, so that a respelling
    ("Tillabery", "Tillabéri") is the same place."""
    return incident.place_canonical or incident.place


def same_incident(a: Incident | ReferencedIncident, b: Incident | ReferencedIncident) -> bool:
    """Same date, place and kind. The place may be the town in one year and the site in the
    other ("Bamako", "Radisson"): it matches when either sentence names the other's place; a
    missing place matches on country."""
    if a.date != b.date or a.kind is not b.kind:
        return False
    if a.place is None or b.place is None:
        return a.country == b.country
    return (
        same_place(_where(a), _where(b))
        or _mentions(a.evidence.sentence, b.place)
        or _mentions(b.evidence.sentence, a.place)
    )


def _match(item: Incident | ReferencedIncident, old: Sequence[Incident]) -> Incident | None:
    return next((o for o in old if same_incident(item, o)), None)


def toll_total(incidents: Sequence[Incident], field: str) -> tuple[int | None, int]:
    """Sum of a toll field over the incidents that give it, and how many do; the sum is None
    when none does (a figure not given is unknown, not zero)."""
    figures = [value for i in incidents if (value := getattr(i, field)) is not None]
    return (sum(figures) if figures else None), len(figures)


def _toll(old: Sequence[Incident], new: Sequence[Incident], field: str) -> TollChange:
    (a, a_given), (b, b_given) = toll_total(old, field), toll_total(new, field)
    delta = None if a is None or b is None else b - a
    return TollChange(old=a, new=b, delta=delta, old_given_by=a_given, new_given_by=b_given)


def _matched(
    old: Incident, new_id: str, new_evidence: Evidence, kind: IncidentKind
) -> IncidentMatch:
    return IncidentMatch(
        old_id=old.id,
        new_id=new_id,
        date=old.date,
        place=old.place,
        kind=kind,
        old_evidence=old.evidence,
        new_evidence=new_evidence,
    )


def compare_incidents(old: CountryReport, new: CountryReport) -> IncidentsDiff:
    """This year's incidents against last year's."""
    fresh: list[Incident] = []
    again: list[IncidentMatch] = []
    for incident in new.incidents:
        earlier = _match(incident, old.incidents)
        if earlier is None:
            fresh.append(incident)
        else:
            again.append(_matched(earlier, incident.id, incident.evidence, incident.kind))
    for reference in new.referenced_incidents:
        earlier = _match(reference, old.incidents)
        if earlier is not None:
            again.append(_matched(earlier, reference.id, reference.evidence, reference.kind))
    old_perpetrators = {p for i in old.incidents for p in i.perpetrators}
    old_places = [place for i in old.incidents if (place := _where(i))]
    old_kinds = {i.kind for i in old.incidents}
    newly_active: list[str] = []
    places: list[str] = []
    kinds: list[IncidentKind] = []
    for incident in fresh:
        newly_active += [
            p for p in incident.perpetrators if p not in old_perpetrators and p not in newly_active
        ]
        seen = old_places + places
        where = _where(incident)
        if where and not any(same_place(where, p) for p in seen):
            places.append(where)
        if incident.kind not in old_kinds and incident.kind not in kinds:
            kinds.append(incident.kind)
    return IncidentsDiff(
        new=fresh,
        referenced_again=again,
        old_count=len(old.incidents),
        new_count=len(new.incidents),
        killed_min=_toll(old.incidents, new.incidents, "killed_min"),
        wounded_min=_toll(old.incidents, new.incidents, "wounded_min"),
        kidnapped_min=_toll(old.incidents, new.incidents, "kidnapped_min"),
        perpetrators_newly_active=newly_active,
        places_newly_hit=places,
        kinds_newly_seen=kinds,
    )
