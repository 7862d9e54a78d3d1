"""Group names for the ids that facts carry (incidents name their perpetrators by id)."""

from schemas.diff import GroupRef, YearDiff


def group_names(diff: YearDiff) -> dict[str, str]:
    """Every group id a comparison mentions → its canonical name."""
    g = diff.groups
    refs: list[GroupRef] = [*g.added, *g.removed, *g.continuing]
    for rename in g.renamed:
        refs += [rename.old, rename.new]
    for merger in g.merged:
        refs += [merger.into, *merger.members]
    return {ref.id: ref.name for ref in refs}
