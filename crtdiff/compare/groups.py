"""Groups across two years: added, removed, renamed (gazetteer links), merged (when the text
says so), continuing."""

import re
from collections.abc import Collection

from crtdiff.reference.gazetteer import Gazetteer
from crtdiff.schemas import CountryReport, Evidence, Group
from crtdiff.schemas.diff import GroupMerger, GroupRef, GroupRename, GroupsDiff

_MERGE_WORDS = re.compile(
    r"\bmerg\w*|\bformed\b|\bform\b|\bunited\b|\bunif\w*|came together|\bjoined forces\b|"
    r"\bcoalition\b|\bumbrella\b|\bfus\w*",
    re.IGNORECASE,
)


def umbrella(group_id: str, named: Collection[str], year: int, gazetteer: Gazetteer) -> str | None:
    """The umbrella a group had joined by `year` (following merger links upwards) that the
    chapter names, if any: its members are then members, not groups that vanished."""
    seen = {group_id}
    entry = gazetteer.group(group_id)
    while entry is not None and entry.merged_into and entry.merged_into not in seen:
        if entry.merged_year is not None and entry.merged_year > year:
            return None
        if entry.merged_into in named:
            return entry.merged_into
        seen.add(entry.merged_into)
        entry = gazetteer.group(entry.merged_into)
    return None


def _ref(
    group_id: str, old: dict[str, Group], new: dict[str, Group], gaz: Gazetteer, year: int
) -> GroupRef:
    source = new.get(group_id) or old.get(group_id)
    entry = gaz.group(group_id)
    name = source.name if source else (entry.name if entry else group_id)
    acronym = source.acronym if source else (entry.acronym if entry else None)
    first_old = old[group_id].mentions[0].evidence if group_id in old else None
    first_new = new[group_id].mentions[0].evidence if group_id in new else None
    return GroupRef(
        id=group_id,
        name=name,
        acronym=acronym,
        old_evidence=first_old,
        new_evidence=first_new,
        part_of=umbrella(group_id, new, year, gaz),
    )


def _mergers(
    old: dict[str, Group], new: dict[str, Group], old_year: int, gazetteer: Gazetteer
) -> list[tuple[str, list[str], Evidence]]:
    """Mergers new in this chapter: a sentence naming the successor, two or more of its
    gazetteer members, and a merger verb; not when the old chapter already named the successor
    or the merger predates the old year (later chapters recall a merger: it is not news)."""
    found = []
    for successor in new.values():
        joined = gazetteer.merged_members.get(successor.id, {})
        known = [y for y in joined.values() if y is not None]
        before_old_year = len(known) == len(joined) and max(known, default=old_year + 1) <= old_year
        if successor.id in old or before_old_year:
            continue
        members = set(joined)
        for mention in successor.mentions:
            sentence = mention.evidence
            named = [
                g.id
                for g in new.values()
                if g.id in members and any(m.evidence.start == sentence.start for m in g.mentions)
            ]
            if len(named) >= 2 and _MERGE_WORDS.search(sentence.sentence):
                found.append((successor.id, named, sentence))
                break
    return found


def compare_groups(old: CountryReport, new: CountryReport, gazetteer: Gazetteer) -> GroupsDiff:
    """Which groups the new chapter names that the old did not, and the other way round."""
    a = {g.id: g for g in old.groups}
    b = {g.id: g for g in new.groups}
    year = new.year

    def ref(group_id: str) -> GroupRef:
        return _ref(group_id, a, b, gazetteer, year)

    added = [g for g in b if g not in a]
    removed = [g for g in a if g not in b]
    continuing = [g for g in b if g in a]
    renames: list[GroupRename] = []
    for group_id in list(added):
        entry = gazetteer.group(group_id)
        for former in entry.renamed_from if entry else ():
            if former in a:
                renames.append(GroupRename(old=ref(former), new=ref(group_id)))
                added.remove(group_id)
                removed = [g for g in removed if g != former]
                continuing = [g for g in continuing if g != former]
                break
    mergers = []
    for successor, members, evidence in _mergers(a, b, old.year, gazetteer):
        mergers.append(
            GroupMerger(into=ref(successor), members=[ref(m) for m in members], evidence=evidence)
        )
        added = [g for g in added if g != successor and g not in members]
    # A former name the old chapter gave beside the current one ("Katiba Macina (formerly the
    # Macina Liberation Front)") is not a group that went: its successor speaks for it.
    successors = gazetteer.successors
    removed = [g for g in removed if successors.get(g) not in a and successors.get(g) not in b]
    gone = [ref(g) for g in removed]
    return GroupsDiff(
        added=[ref(g) for g in added],
        removed=[g for g in gone if g.part_of is None],
        renamed=renames,
        merged=mergers,
        absorbed=[g for g in gone if g.part_of is not None],
        continuing=[ref(g) for g in continuing],
    )
