"""Groups across two years: added, removed, renamed (gazetteer links), merged (when the text
says so), continuing."""

import re

from crtdiff.reference.gazetteer import Gazetteer
from schemas import CountryReport, Evidence, Group
from schemas.diff import GroupMerger, GroupRef, GroupRename, GroupsDiff

_MERGE_WORDS = re.compile(
    r"\bmerg\w*|\bformed\b|\bform\b|\bunited\b|\bunif\w*|came together|\bjoined forces\b|"
    r"\bcoalition\b|\bumbrella\b|\bfus\w*",
    re.IGNORECASE,
)


def _ref(group_id: str, old: dict[str, Group], new: dict[str, Group], gaz: Gazetteer) -> GroupRef:
    source = new.get(group_id) or old.get(group_id)
    entry = gaz.group(group_id)
    name = source.name if source else (entry.name if entry else group_id)
    acronym = source.acronym if source else (entry.acronym if entry else None)
    first_old = old[group_id].mentions[0].evidence if group_id in old else None
    first_new = new[group_id].mentions[0].evidence if group_id in new else None
    return GroupRef(
        id=group_id, name=name, acronym=acronym, old_evidence=first_old, new_evidence=first_new
    )


def _mergers(new: dict[str, Group], gazetteer: Gazetteer) -> list[tuple[str, list[str], Evidence]]:
    """Mergers the new chapter states: a sentence naming the successor, two or more of its
    gazetteer members, and a merger verb."""
    found = []
    for successor in new.values():
        members = {e.id for e in gazetteer.groups if e.merged_into == successor.id}
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
    added = [g for g in b if g not in a]
    removed = [g for g in a if g not in b]
    continuing = [g for g in b if g in a]
    renames: list[GroupRename] = []
    for group_id in list(added):
        entry = gazetteer.group(group_id)
        for former in entry.renamed_from if entry else ():
            if former in a:
                renames.append(
                    GroupRename(
                        old=_ref(former, a, b, gazetteer), new=_ref(group_id, a, b, gazetteer)
                    )
                )
                added.remove(group_id)
                removed = [g for g in removed if g != former]
                continuing = [g for g in continuing if g != former]
                break
    mergers = []
    for successor, members, evidence in _mergers(b, gazetteer):
        mergers.append(
            GroupMerger(
                into=_ref(successor, a, b, gazetteer),
                members=[_ref(m, a, b, gazetteer) for m in members],
                evidence=evidence,
            )
        )
        added = [g for g in added if g != successor and g not in members]
    return GroupsDiff(
        added=[_ref(g, a, b, gazetteer) for g in added],
        removed=[_ref(g, a, b, gazetteer) for g in removed],
        renamed=renames,
        merged=mergers,
        continuing=[_ref(g, a, b, gazetteer) for g in continuing],
    )
