"""The units of an outline comparison as its pages show them: each unit's diff with its match
(same, renamed, merged, split, added, removed) and how many words changed."""

from dataclasses import dataclass

from crtdiff.compare.headline import section_name
from crtdiff.compare.outline_headline import changed_words
from crtdiff.schemas.diff import SectionDiff, YearDiff
from crtdiff.schemas.series import MatchKind, OutlineMatch


@dataclass(frozen=True)
class UnitRow:
    """One unit of the comparison."""

    section: SectionDiff
    name: str
    kind: MatchKind
    match: OutlineMatch | None
    changed_words: int

    @property
    def anchor(self) -> str:
        """The unit's anchor on the pair page."""
        return "unit-" + self.section.key.replace(":", "-")


def unit_rows(diff: YearDiff) -> list[UnitRow]:
    """Every unit of the diff, in the new outline's order, removed units last."""
    matches = {m.new_key or m.old_keys[0]: m for m in diff.outline or []}
    rows = []
    for section in diff.sections:
        match = matches.get(section.key)
        rows.append(
            UnitRow(
                section=section,
                name=section_name(section.key),
                kind=match.kind if match is not None else MatchKind.SAME,
                match=match,
                changed_words=changed_words(section),
            )
        )
    return rows
