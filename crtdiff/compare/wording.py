"""Words a reader sees for counts, incident kinds, targets, groups and toll totals.

Ids and enum values stay in JSON and the data tables; every page, Markdown file and artifact
shows these words instead.
"""

from collections.abc import Mapping, Sequence

from crtdiff.schemas.diff import GroupRef, TollChange
from crtdiff.schemas.facts import Attribution, IncidentKind, Target

NOT_GIVEN = "not given"
"""What a page shows for a toll no incident gives (never 0)."""

_IRREGULAR = {"person": "people"}

KIND_WORDS = {
    IncidentKind.ARMED_ASSAULT: "armed assault",
    IncidentKind.BOMBING: "bombing",
    IncidentKind.SUICIDE_OR_VBIED: "suicide attack or VBIED",
    IncidentKind.KIDNAPPING: "kidnapping",
    IncidentKind.ROCKET_MORTAR: "rocket or mortar attack",
    IncidentKind.ASSASSINATION: "assassination",
    IncidentKind.OTHER: "other attack",
}
TARGET_WORDS = {
    Target.MILITARY: "military",
    Target.UN_PEACEKEEPERS: "UN peacekeepers",
    Target.POLICE: "police",
    Target.CIVILIANS: "civilians",
    Target.FOREIGNERS: "foreigners",
    Target.GOVERNMENT: "government",
    Target.OTHER: "other",
}
ATTRIBUTION_WORDS = {
    Attribution.CLAIMED: "claimed",
    Attribution.SUSPECTED: "suspected",
    Attribution.UNCLAIMED: "unclaimed",
    Attribution.UNKNOWN: "unknown",
}


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """`1 incident`, `2 incidents`, `0 incidents`: the count with its noun, never `incident(s)`."""
    if count == 1:
        return f"{count} {singular}"
    many = plural_form or _IRREGULAR.get(singular) or _regular_plural(singular)
    return f"{count} {many}"


def _regular_plural(word: str) -> str:
    head, _, last = word.rpartition(" ")
    if last.endswith(("s", "x", "ch", "sh")):
        last += "es"
    elif last.endswith("y") and last[-2:-1] not in ("a", "e", "o", "u"):
        last = last[:-1] + "ies"
    else:
        last += "s"
    return f"{head} {last}" if head else last


def words(value: str) -> str:
    """A machine value as words (`armed_assault` → `armed assault`), the fallback of labels."""
    return value.replace("_", " ")


def kind_label(kind: IncidentKind | str) -> str:
    """An incident kind in words: `suicide attack or VBIED`, not `suicide_or_vbied`."""
    return KIND_WORDS.get(kind, words(str(kind))) if isinstance(kind, IncidentKind) else words(kind)


def target_label(target: Target | str) -> str:
    """An incident target in words: `UN peacekeepers`, not `un_peacekeepers`."""
    if isinstance(target, Target):
        return TARGET_WORDS.get(target, words(str(target)))
    return words(target)


def attribution_label(attribution: Attribution | str) -> str:
    """How the text attributes an incident, in words."""
    if isinstance(attribution, Attribution):
        return ATTRIBUTION_WORDS.get(attribution, words(str(attribution)))
    return words(attribution)


def full_name(ref: GroupRef) -> str:
    """A group's canonical name with its acronym: `Jama'at Nusrat al-Islam wal-Muslimin (JNIM)`."""
    return f"{ref.name} ({ref.acronym})" if ref.acronym and ref.acronym != ref.name else ref.name


_SHORT_NAME = 25


def display_name(ref: GroupRef) -> str:
    """A group's name, or its acronym when the name is long (headlines and short lists)."""
    return ref.acronym if ref.acronym and len(ref.name) > _SHORT_NAME else ref.name


def group_names(ids: Sequence[str], refs: Mapping[str, GroupRef], *, short: bool = False) -> str:
    """Group ids as the names a reader knows, comma-separated; an en dash when there are none."""
    if not ids:
        return "–"
    shown = []
    for group_id in ids:
        ref = refs.get(group_id)
        if ref is None:
            shown.append(words(group_id))
        else:
            shown.append(display_name(ref) if short else full_name(ref))
    return ", ".join(shown)


def place_label(place: str | None, country: str | None, chapter_country: str) -> str:
    """Where an incident happened, with its country when it is not the chapter's: `Gao`,
    `Abalak (Niger)`, `Niger` when only the country is known, `–` when nothing is."""
    abroad = country if country and country != chapter_country else None
    if place and abroad:
        return f"{place} ({abroad})"
    return place or abroad or "–"


def toll_figure(value: int | None) -> str:
    """A toll total, or `not given` when no incident gives it."""
    return NOT_GIVEN if value is None else str(value)


def toll_cell(value: int | None, given_by: int, incidents: int) -> str:
    """A year's toll total with how many of its incidents give a figure: `27 (4 of 7 incidents)`,
    or `not given`."""
    if value is None:
        return NOT_GIVEN
    return f"{value} ({given_by} of {plural(incidents, 'incident')})"


def toll_delta(toll: TollChange) -> str:
    """The change of a toll total: `+56`, `-7`, `0`, or `n/a` when a year gives no figure."""
    if toll.delta is None:
        return "n/a"
    return f"{toll.delta:+d}" if toll.delta else "0"


def listing(items: Sequence[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]
