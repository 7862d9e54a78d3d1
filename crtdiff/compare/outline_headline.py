"""The summary of a long-document comparison, leading with what changed most: the units whose
text changed most (in words added or removed), how the outline moved, the counts, the laws."""

# The legal-measure lines are CRT's own: status changes, then the new measures by kind.
from crtdiff.compare.headline import _legal_lines as legal_lines
from crtdiff.compare.headline import section_name
from crtdiff.compare.wording import plural
from crtdiff.compare.words import comparable_words
from crtdiff.schemas.diff import Headline, LegalDiff, SectionDiff
from crtdiff.schemas.series import (
    CountChange,
    CountKind,
    CountQualifier,
    LawsDiff,
    MatchKind,
    OutlineMatch,
    ReportedCount,
)

MOST_CHANGED = 3
"""How many units the summary names as the most changed."""
_LISTED = 3
_KIND_NAMES = {
    CountKind.KILLINGS: "Killings",
    CountKind.DISAPPEARANCES: "Disappearances",
    CountKind.POLITICAL_PRISONERS: "Political prisoners",
}


def _words(refs: list[str]) -> int:
    return sum(len(comparable_words(text)) for text in refs)


def changed_words(section: SectionDiff) -> int:
    """Words a redline of the unit inserts or deletes (every word of an added or removed one)."""
    a = section.sentences
    removed = _words([r.text for r in a.removed] + [m.old.text for m in a.moved_out])
    added = _words([r.text for r in a.added] + [m.new.text for m in a.moved_in])
    edited = 0
    for m in a.modified:
        edited += _words([p.text for p in m.redline if p.op.value != "equal"])
    return removed + added + edited


def _listed(names: list[str]) -> str:
    shown = names[:_LISTED]
    more = f" and {len(names) - len(shown)} more" if len(names) > len(shown) else ""
    return "; ".join(shown) + more


def _most_changed(sections: list[SectionDiff], matches: dict[str, OutlineMatch]) -> list[Headline]:
    ranked = sorted(sections, key=changed_words, reverse=True)
    lines = []
    for s in ranked[:MOST_CHANGED]:
        words = changed_words(s)
        if not words:
            break
        match = matches.get(s.key)
        kind = match.kind if match is not None else MatchKind.SAME
        name = section_name(s.key)
        if kind is MatchKind.REMOVED:
            what = f"{name}: removed ({words:,} words)"
        elif kind is MatchKind.ADDED:
            what = f"{name}: new ({words:,} words)"
        else:
            came = (
                f", {kind.value} from {_listed(match.old_headings)}"
                if match and kind in (MatchKind.RENAMED, MatchKind.MERGED, MatchKind.SPLIT)
                else ""
            )
            what = f"{name}{came}: {words:,} words added or removed (cosine {s.cosine or 0:.2f})"
        lines.append(Headline(topic="text", text=f"Most changed: {what}.", refs=[s.key]))
    return lines


def _outline_lines(matches: list[OutlineMatch], old_year: int) -> list[Headline]:
    moved = [m for m in matches if m.kind in (MatchKind.RENAMED, MatchKind.MERGED, MatchKind.SPLIT)]
    removed = [m for m in matches if m.kind is MatchKind.REMOVED]
    added = [m for m in matches if m.kind is MatchKind.ADDED]
    lines = []
    for m in moved:
        heading = m.new_heading or ""
        text = {
            MatchKind.RENAMED: f"{heading} continues {_listed(m.old_headings)} of {old_year}",
            MatchKind.MERGED: f"{heading} takes in {len(m.old_keys)} units of {old_year}: "
            f"{_listed(m.old_headings)}",
            MatchKind.SPLIT: f"{heading} is carved out of {_listed(m.old_headings)}",
        }[m.kind]
        lines.append(
            Headline(topic="outline", text=f"Outline: {text}.", refs=[*m.old_keys, m.new_key or ""])
        )
    if removed or added:
        parts = []
        if removed:
            parts.append(
                f"{plural(len(removed), 'unit')} of {old_year} no longer present "
                f"({_listed([h for m in removed for h in m.old_headings])})"
            )
        if added:
            parts.append(f"{len(added)} new ({_listed([m.new_heading or '' for m in added])})")
        refs = [k for m in removed for k in m.old_keys] + [m.new_key or "" for m in added]
        lines.append(
            Headline(topic="outline", text="Outline: " + "; ".join(parts) + ".", refs=refs)
        )
    return lines


def _count_text(counts: list[ReportedCount], largest: int | None) -> str:
    if not counts:
        return "none given"
    if all(c.qualifier is CountQualifier.NONE_REPORTED for c in counts):
        return "none reported"
    if largest is None or largest == 0:
        return f"{plural(len(counts), 'mention')} without a figure"
    return f"{plural(len(counts), 'figure')}, largest {largest:,}"


def _count_lines(counts: list[CountChange] | None, years: tuple[int, int]) -> list[Headline]:
    lines = []
    for c in counts or []:
        if not c.old and not c.new:
            continue
        old = _count_text(c.old, c.old_largest)
        new = _count_text(c.new, c.new_largest)
        none_now = [x for x in c.new if x.qualifier is CountQualifier.NONE_REPORTED]
        said = f" — “{none_now[0].evidence.sentence}”" if none_now and not c.new_largest else ""
        lines.append(
            Headline(
                topic="counts",
                text=f"{_KIND_NAMES[c.kind]}: {old} in {years[0]}; {new} in {years[1]}{said}.",
                refs=[c.kind.value],
            )
        )
    return lines


def _law_lines(laws: LawsDiff | None, legal: LegalDiff) -> list[Headline]:
    lines = []
    if laws is not None and laws.new:
        lines.append(
            Headline(
                topic="laws",
                text=f"Laws newly named: {_listed([x.name for x in laws.new])}.",
                refs=[x.id for x in laws.new],
            )
        )
    if laws is not None and laws.no_longer_named:
        gone = laws.no_longer_named
        lines.append(
            Headline(
                topic="laws",
                text=f"Laws no longer named: {_listed([x.name for x in gone])}.",
                refs=[x.id for x in gone],
            )
        )
    return lines + legal_lines(legal)


def outline_headlines(
    sections: list[SectionDiff],
    matches: list[OutlineMatch],
    counts: list[CountChange] | None,
    laws: LawsDiff | None,
    legal: LegalDiff,
    recycled: float | None,
    years: tuple[int, int],
) -> list[Headline]:
    """Headline statements: most changed units first, then outline, counts, laws, recycling."""
    by_key = {m.new_key or m.old_keys[0]: m for m in matches}
    lines = [
        *_most_changed(sections, by_key),
        *_outline_lines(matches, years[0]),
        *_count_lines(counts, years),
        *_law_lines(laws, legal),
    ]
    if recycled is not None:
        lines.append(
            Headline(
                topic="text",
                text=f"{recycled:.0%} of this year's sentences are carried "
                "over verbatim or nearly.",
            )
        )
    return lines
