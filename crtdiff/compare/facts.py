"""The structured diff: both years' facts as dictionaries keyed by stable ids, diffed by deepdiff.

Keys are ids (groups, organisations) or the old year's id of the matched item (incidents, legal
measures), so deepdiff never reports index-shift noise: only added, removed and changed facts.
"""

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from deepdiff import DeepDiff
from deepdiff.path import GET, stringify_path

from crtdiff.compare.incidents import same_incident
from crtdiff.compare.measures import pair_measures
from crtdiff.schemas import CountryReport, Incident, LegalMeasure
from crtdiff.schemas.diff import FactChange

_STRINGIFY_PATH: Callable[[list[str], tuple[str, str]], str] = stringify_path
"""deepdiff's naming of a path (untyped there)."""
_PATH_PART = re.compile(r"\['([^']*)'\]")


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


def _split_items(
    old_view: dict[str, Any], new_view: dict[str, Any]
) -> tuple[list[tuple[str, str, Any]], list[tuple[str, str, Any]], dict[str, Any], dict[str, Any]]:
    """The facts only the new year has, those only the old year has (each as kind, id, view,
    in the views' order), and the views of the facts both years have but with other values:
    deepdiff reports nothing for equal facts, and an added or removed fact is one entry it
    needs no walk for (walking them, most of a chapter, was most of its cost)."""
    added: list[tuple[str, str, Any]] = []
    removed: list[tuple[str, str, Any]] = []
    old_changed: dict[str, Any] = {}
    new_changed: dict[str, Any] = {}
    for kind, old_items in old_view.items():
        new_items = new_view[kind]
        old_changed[kind] = {}
        new_changed[kind] = {}
        removed.extend((kind, k, v) for k, v in old_items.items() if k not in new_items)
        # In the new year's order: deepdiff walks the facts both years have in that order,
        # which is the order of two changes whose paths read alike.
        for key, value in new_items.items():
            if key not in old_items:
                added.append((kind, key, value))
            elif old_items[key] != value:
                old_changed[kind][key] = old_items[key]
                new_changed[kind][key] = value
    return added, removed, old_changed, new_changed


def _path(raw: str) -> str:
    parts: list[str] = _PATH_PART.findall(raw)
    if not parts:
        return raw
    head, *rest = parts
    if not rest:
        return head
    tail = "." + ".".join(rest[1:]) if len(rest) > 1 else ""
    return f"{head}[{rest[0]}]{tail}"


@lru_cache(maxsize=4096)
def _item_path(kind: str, key: str) -> str:
    """The path of a fact added or removed, as deepdiff would name it (its quoting of an id
    with quotes included; the same ids come and go in a country's pairs: named once each)."""
    if "'" not in key:
        # deepdiff puts such an id (and the kind) in single quotes, which _path takes off:
        # most ids are new each year (an incident's), so most are named here, not walked.
        return f"{kind}[{key}]"
    raw: str = _STRINGIFY_PATH([kind, key], ("root", GET))
    return _path(raw)


def _scalar(value: Any) -> str | int | None:
    if value is None or isinstance(value, (str, int)):
        return value
    return str(value)


def fact_changes(old: CountryReport, new: CountryReport) -> list[FactChange]:
    """deepdiff of the keyed views as a flat, sorted list of changes."""
    return view_changes(*keyed_views(old, new))


def view_changes(old_view: dict[str, Any], new_view: dict[str, Any]) -> list[FactChange]:
    """What deepdiff finds between two keyed views (kind → id → fact), as a flat, sorted list
    of changes."""
    added, removed, old_changed, new_changed = _split_items(old_view, new_view)
    changes: list[FactChange] = []
    for kind, key, value in added:
        changes.append(
            FactChange(path=_item_path(kind, key), change="added", new=_scalar(_label(value)))
        )
    for kind, key, value in removed:
        changes.append(
            FactChange(path=_item_path(kind, key), change="removed", old=_scalar(_label(value)))
        )
    if any(old_changed.values()):
        changes += deepdiff_changes(item_by_item(old_changed, new_changed))
    return sorted_changes(changes)


def item_by_item(old_view: dict[str, Any], new_view: dict[str, Any]) -> Any:
    """deepdiff of two views, with the old and new value of each change."""
    # threshold 0: always item by item (by default deepdiff swaps a whole dict for one
    # "changed" value when under a third of its keys are shared).
    return DeepDiff(old_view, new_view, verbose_level=2, threshold_to_diff_deeper=0)


def deepdiff_changes(diff: Any) -> list[FactChange]:
    """The changes of a deepdiff of views (item_by_item), in its order."""
    changes: list[FactChange] = []
    for raw, value in diff.get("dictionary_item_added", {}).items():
        changes.append(FactChange(path=_path(raw), change="added", new=_scalar(_label(value))))
    for raw, value in diff.get("dictionary_item_removed", {}).items():
        changes.append(FactChange(path=_path(raw), change="removed", old=_scalar(_label(value))))
    for kind in ("values_changed", "type_changes"):
        for raw, value in diff.get(kind, {}).items():
            changes.append(
                FactChange(
                    path=_path(raw),
                    change="changed",
                    old=_scalar(value.get("old_value")),
                    new=_scalar(value.get("new_value")),
                )
            )
    return changes


def sorted_changes(changes: list[FactChange]) -> list[FactChange]:
    """Changes by kind of fact, then added, changed, removed, then path (stable)."""
    return sorted(changes, key=lambda c: (c.path.split("[")[0], c.change, c.path))


def _label(value: Any) -> Any:
    """A short label for an added or removed item (its kind or name)."""
    if isinstance(value, dict):
        return value.get("kind") or value.get("date")
    return value
