"""The few most important changes, as short plain-language statements in a stable order:
groups, incidents and toll, legal measures, then the biggest text changes."""

from schemas.diff import GroupRef, GroupsDiff, Headline, IncidentsDiff, LegalDiff, SectionDiff

_SECTION_NAMES = {
    "overview": "Overview",
    "incidents": "Terrorist Incidents",
    "legislation": "Legislation, Law Enforcement, and Border Security",
    "financing": "Countering the Financing of Terrorism",
    "violent_extremism": "Countering Violent Extremism",
    "cooperation": "International and Regional Cooperation",
    "body": "Unsectioned text",
}
_MAX_LISTED = 4


def section_name(key: str) -> str:
    """A readable name for a section key."""
    if key not in _SECTION_NAMES and not key.startswith("other:"):
        from crtdiff.series.registry import unit_name  # the series plugins import this module

        return unit_name(key) or key.split(":", 1)[-1].replace("-", " ").capitalize()
    return _SECTION_NAMES.get(key, key.removeprefix("other:").replace("-", " ").capitalize())


_SHORT_NAME = 25


def display_name(ref: GroupRef) -> str:
    """A group's name, or its acronym when the name is long."""
    return ref.acronym if ref.acronym and len(ref.name) > _SHORT_NAME else ref.name


def _names(refs: list[GroupRef]) -> str:
    shown = [display_name(r) for r in refs[:_MAX_LISTED]]
    more = len(refs) - len(shown)
    text = ", ".join(shown[:-1]) + (" and " if len(shown) > 1 else "") + shown[-1]
    return text + (f" and {more} more" if more > 0 else "")


def _group_lines(groups: GroupsDiff) -> list[Headline]:
    lines = []
    for rename in groups.renamed:
        lines.append(
            Headline(
                topic="groups",
                text=f"{rename.old.name} is now named {rename.new.name} "
                "(a rename, not a new group).",
                refs=[rename.old.id, rename.new.id],
            )
        )
    for merger in groups.merged:
        lines.append(
            Headline(
                topic="groups",
                text=f"{merger.into.name} ({merger.into.acronym or merger.into.id}) formed by the "
                f"merger of {_names(merger.members)}.",
                refs=[merger.into.id, *(m.id for m in merger.members)],
            )
        )
    if groups.added:
        lines.append(
            Headline(
                topic="groups",
                text=f"Newly named: {_names(groups.added)}.",
                refs=[g.id for g in groups.added],
            )
        )
    if groups.removed:
        lines.append(
            Headline(
                topic="groups",
                text=f"No longer named: {_names(groups.removed)}.",
                refs=[g.id for g in groups.removed],
            )
        )
    return lines


def _incident_lines(incidents: IncidentsDiff, old_year: int, new_year: int) -> list[Headline]:
    lines = []
    killed = incidents.killed_min
    lines.append(
        Headline(
            topic="incidents",
            text=f"{incidents.new_count} incidents described "
            f"({incidents.old_count} in {old_year}); at least {killed.new} killed in them "
            f"({killed.old} in {old_year}, {killed.delta:+d}).",
            refs=[i.id for i in incidents.new],
        )
    )
    deadliest = max(incidents.new, key=lambda i: i.killed_min or 0, default=None)
    if deadliest is not None and deadliest.killed_min:
        where = deadliest.place or deadliest.country or "an unnamed place"
        lines.append(
            Headline(
                topic="incidents",
                text=f"Deadliest new incident: {deadliest.date_text or deadliest.date}, "
                f"{where}, at least {deadliest.killed_min} killed.",
                refs=[deadliest.id],
            )
        )
    if incidents.referenced_again:
        lines.append(
            Headline(
                topic="incidents",
                text=f"{len(incidents.referenced_again)} incident(s) of {old_year} "
                "referenced again.",
                refs=[m.new_id for m in incidents.referenced_again],
            )
        )
    return lines


def _legal_lines(legal: LegalDiff) -> list[Headline]:
    lines = []
    for change in legal.status_changed:
        old = change.old_status.value if change.old_status else "mentioned"
        new = change.new_status.value if change.new_status else "mentioned"
        lines.append(
            Headline(
                topic="legal_measures",
                text=f"{change.new.subject[:1].upper()}{change.new.subject[1:]}: {old} → {new}.",
                refs=[change.new.id],
            )
        )
    if legal.new:
        kinds = sorted({m.kind.value.replace("_", " ") for m in legal.new})
        lines.append(
            Headline(
                topic="legal_measures",
                text=f"{len(legal.new)} new legal measure(s): {', '.join(kinds)}.",
                refs=[m.id for m in legal.new],
            )
        )
    return lines


def _text_lines(sections: list[SectionDiff], recycled: float | None) -> list[Headline]:
    lines = []
    compared = [s for s in sections if s.cosine is not None]
    changed = sorted(compared, key=lambda s: s.cosine if s.cosine is not None else 1.0)
    if changed and changed[0].cosine is not None and changed[0].cosine < 1.0:
        worst = changed[0]
        lines.append(
            Headline(
                topic="text",
                text=f"Most changed section: {section_name(worst.key)} (cosine similarity "
                f"{worst.cosine:.2f}).",
                refs=[worst.key],
            )
        )
    if recycled is not None:
        lines.append(
            Headline(
                topic="text",
                text=f"{recycled:.0%} of this year's sentences are carried over verbatim "
                "or nearly.",
            )
        )
    return lines


def headlines(
    groups: GroupsDiff,
    incidents: IncidentsDiff,
    legal: LegalDiff,
    sections: list[SectionDiff],
    recycled: float | None,
    years: tuple[int, int],
) -> list[Headline]:
    """Headline statements in the stable order groups, incidents, legal measures, text."""
    return [
        *_group_lines(groups),
        *_incident_lines(incidents, *years),
        *_legal_lines(legal),
        *_text_lines(sections, recycled),
    ]
