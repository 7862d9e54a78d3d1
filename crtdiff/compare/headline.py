"""The few most important changes, as short plain-language statements in a stable order:
groups, incidents and toll, legal measures, then the biggest text changes."""

from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import chain

from crtdiff.compare.wording import display_name, listing, plural
from crtdiff.reference.outline import unit_names
from crtdiff.schemas.diff import (
    GroupRef,
    GroupsDiff,
    Headline,
    IncidentsDiff,
    LegalDiff,
    SectionDiff,
    TollChange,
)
from crtdiff.schemas.sections import section_names

_MAX_LISTED = 4


@lru_cache(maxsize=1024)
def section_name(key: str) -> str:
    """A readable name for a section key: CRT's from sections.csv, another series' unit from
    its outline table (`hrr:killings`), a heading the tables lack from its slug."""
    # Cached as the tables it reads are (load_sections, unit_names): a pair page asks it of
    # each section and move (16-30 times), and section_names builds its dict on every call.
    prefix, _, rest = key.rpartition(":")
    if not prefix:
        return section_names().get(key, key.replace("-", " ").capitalize())
    if prefix != "other":
        name = unit_names(prefix).get(key)
        if name is not None:
            return name
    return rest.replace("-", " ").capitalize()


def _names(refs: list[GroupRef]) -> str:
    shown = [display_name(r) for r in refs[:_MAX_LISTED]]
    more = len(refs) - len(shown)
    return listing(shown) + (f" and {more} more" if more > 0 else "")


def member_name(ref: GroupRef, refs: dict[str, GroupRef]) -> str:
    """A group's short name with the umbrella the chapter names: `Katiba Macina (part of JNIM)`."""
    umbrella = refs.get(ref.part_of) if ref.part_of else None
    name = display_name(ref)
    return f"{name} (part of {display_name(umbrella)})" if umbrella else name


def _added_names(added: list[GroupRef], refs: dict[str, GroupRef]) -> str:
    shown = [member_name(r, refs) for r in added[:_MAX_LISTED]]
    more = len(added) - len(shown)
    return listing(shown) + (f" and {more} more" if more > 0 else "")


def _absorbed_lines(groups: GroupsDiff, refs: dict[str, GroupRef]) -> list[Headline]:
    by_umbrella: dict[str, list[GroupRef]] = {}
    for ref in groups.absorbed:
        by_umbrella.setdefault(ref.part_of or "", []).append(ref)
    lines = []
    for umbrella_id, members in by_umbrella.items():
        umbrella = display_name(refs[umbrella_id]) if umbrella_id in refs else umbrella_id
        verb = "is" if len(members) == 1 else "are"
        lines.append(
            Headline(
                topic="groups",
                text=f"{_names(members)}, part of {umbrella}, {verb} no longer named separately "
                f"({umbrella} is).",
                refs=[umbrella_id, *(m.id for m in members)],
            )
        )
    return lines


def _group_lines(groups: GroupsDiff) -> list[Headline]:
    refs = groups.by_id()
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
                text=f"Newly named: {_added_names(groups.added, refs)}.",
                refs=[g.id for g in groups.added],
            )
        )
    lines += _absorbed_lines(groups, refs)
    if groups.removed:
        lines.append(
            Headline(
                topic="groups",
                text=f"No longer named: {_names(groups.removed)}.",
                refs=[g.id for g in groups.removed],
            )
        )
    return lines


def _toll_clause(killed: TollChange, old_year: int) -> str:
    """What the totals say, and only what they say: a year without a figure is `no toll given`."""
    if killed.new is not None and killed.old is not None:
        return (
            f"at least {killed.new} killed in them ({killed.old} in {old_year}, {killed.delta:+d})"
        )
    if killed.new is not None:
        return f"at least {killed.new} killed in them (no toll given in {old_year})"
    if killed.old is not None:
        return f"no toll given (at least {killed.old} killed in {old_year})"
    return "no toll given in either year"


def _incident_lines(incidents: IncidentsDiff, old_year: int, new_year: int) -> list[Headline]:
    lines = []
    lines.append(
        Headline(
            topic="incidents",
            text=f"{plural(incidents.new_count, 'incident')} described "
            f"({incidents.old_count} in {old_year}); "
            f"{_toll_clause(incidents.killed_min, old_year)}.",
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
                text=f"{plural(len(incidents.referenced_again), 'incident')} of {old_year} "
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
                text=f"{plural(len(legal.new), 'new legal measure')}: {', '.join(kinds)}.",
                refs=[m.id for m in legal.new],
            )
        )
    return lines


MIN_SECTION_WORDS = 15
"""Least words a section needs in each year to be headlined as the most changed: a leftover
label ("Disclaimer:") or a stray line is not a section worth a headline."""


def _words(texts: Iterable[str]) -> int:
    return sum(len(t.split()) for t in texts)


def _year_texts(section: SectionDiff) -> tuple[Iterator[str], Iterator[str]]:
    a = section.sentences
    old = chain(
        (p.old.text for p in a.unchanged),
        (p.old.text for p in a.modified),
        (r.text for r in a.removed),
        (m.old.text for m in a.moved_out),
    )
    new = chain(
        (p.new.text for p in a.unchanged),
        (p.new.text for p in a.modified),
        (r.text for r in a.added),
        (m.new.text for m in a.moved_in),
    )
    return old, new


def section_words(section: SectionDiff) -> tuple[int, int]:
    """Words of a section in the old and the new year, from its sentence alignment."""
    old, new = _year_texts(section)
    return _words(old), _words(new)


def _has_words(texts: Iterable[str], least: int) -> bool:
    # Counting stops at `least`: a section of hundreds of sentences needs only its first few.
    count = 0
    for text in texts:
        count += len(text.split())
        if count >= least:
            return True
    return count >= least


def _long_enough(section: SectionDiff) -> bool:
    """Whether both years of a section have MIN_SECTION_WORDS words (min(section_words) does)."""
    return all(_has_words(texts, MIN_SECTION_WORDS) for texts in _year_texts(section))


def _text_lines(sections: list[SectionDiff], recycled: float | None) -> list[Headline]:
    lines = []
    compared = [s for s in sections if s.cosine is not None and _long_enough(s)]
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
