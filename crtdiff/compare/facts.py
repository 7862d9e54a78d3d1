"""The structured diff: both years' facts as dictionaries keyed by stable ids, item by item.

Keys are ids (groups, organisations) or the old year's id of the matched item (incidents, legal
measures), so there is no index-shift noise: only added, removed and changed facts.
"""

from typing import Any

from crtdiff.compare.incidents import same_incident
from crtdiff.compare.measures import pair_measures
from crtdiff.schemas import CountryReport, Incident, LegalMeasure
from crtdiff.schemas.diff import FactChange


def _incident_view(incident: Incident) -> dict[str, Any]:
    return {
        "date": incident.date,
        "place": incident.place,
        "kind": incident.kind.value,
        "attribution": incident.attribution.value,
        "perpetrators": ", ".join(sorted(incident.perpetrators)),
        "killed_min": incident.killed_min,
        "wounded_min": incident.wounded_min,
        "kidnapped_min": incident.kidnapped_min,
    }


def _measure_view(measure: LegalMeasure) -> dict[str, Any]:
    return {
        "kind": measure.kind.value,
        "status": measure.status.value if measure.status else None,
        "date": measure.date,
    }


def keyed_views(old: CountryReport, new: CountryReport) -> tuple[dict[str, Any], dict[str, Any]]:
    """Both years' facts keyed by stable ids (matched new items take the old item's id)."""
    old_view: dict[str, Any] = {
        "groups": {g.id: g.name for g in old.groups},
        "organisations": {o.id: o.kind.value for o in old.organisations},
        "incidents": {i.id: _incident_view(i) for i in old.incidents},
        "legal_measures": {m.id: _measure_view(m) for m in old.legal_measures},
    }
    incidents: dict[str, Any] = {}
    unmatched = {o.id: o for o in old.incidents}
    for incident in new.incidents:
        # One-to-one: two alike incidents of a year ("On May 3, gunmen killed 4 people" twice)
        # each take their own counterpart, the same id first.
        earlier = unmatched.pop(incident.id, None) if incident.id in unmatched else None
        if earlier is None or not same_incident(incident, earlier):
            if earlier is not None:
                unmatched[earlier.id] = earlier
            earlier = next((o for o in unmatched.values() if same_incident(incident, o)), None)
            if earlier is not None:
                del unmatched[earlier.id]
        incidents[earlier.id if earlier else incident.id] = _incident_view(incident)
    pairs, fresh, _ = pair_measures(old.legal_measures, new.legal_measures)
    measures = {a.id: _measure_view(b) for a, b in pairs}
    for measure in fresh:
        key = measure.id if measure.id not in measures else f"{measure.id}-new"
        measures[key] = _measure_view(measure)
    new_view: dict[str, Any] = {
        "groups": {g.id: g.name for g in new.groups},
        "organisations": {o.id: o.kind.value for o in new.organisations},
        "incidents": incidents,
        "legal_measures": measures,
    }
    return old_view, new_view


def _item_changes(
    kind: str, old_items: dict[str, Any], new_items: dict[str, Any]
) -> list[FactChange]:
    """The changes of one kind of fact: items added, removed, and the fields (or the value) of
    an item in both years that differ."""
    changes: list[FactChange] = []
    for key, value in new_items.items():
        if key not in old_items:
            changes.append(FactChange(path=f"{kind}[{key}]", change="added", new=_label(value)))
    for key, value in old_items.items():
        if key not in new_items:
            changes.append(FactChange(path=f"{kind}[{key}]", change="removed", old=_label(value)))
            continue
        other = new_items[key]
        if other == value:
            continue
        if isinstance(value, dict) and isinstance(other, dict):
            # Every view of a kind has the same fields: a field is changed, never added.
            changes.extend(
                FactChange(
                    path=f"{kind}[{key}].{field}",
                    change="changed",
                    old=_scalar(was),
                    new=_scalar(other[field]),
                )
                for field, was in value.items()
                if other[field] != was
            )
        else:
            changes.append(
                FactChange(
                    path=f"{kind}[{key}]", change="changed", old=_scalar(value), new=_scalar(other)
                )
            )
    return changes


def _scalar(value: Any) -> str | int | None:
    if value is None or isinstance(value, (str, int)):
        return value
    return str(value)


def fact_changes(old: CountryReport, new: CountryReport) -> list[FactChange]:
    """What differs between the keyed views as a flat, sorted list of changes."""
    # The views are two levels deep (kind → id → value or flat dict of fields), so a walk of
    # their items finds what deepdiff would (added, removed, values and types changed) without
    # its general machinery, most of a comparison's cost when it was used here.
    old_view, new_view = keyed_views(old, new)
    changes = [
        change
        for kind, old_items in old_view.items()
        for change in _item_changes(kind, old_items, new_view[kind])
    ]
    return sorted(changes, key=lambda c: (c.path.split("[")[0], c.change, c.path))


def _label(value: Any) -> str | int | None:
    """A short label for an added or removed item (its kind or name)."""
    if isinstance(value, dict):
        return _scalar(value.get("kind") or value.get("date"))
    return _scalar(value)
