"""Markdown built in Python: report text escaped as data, a pair's sentence changes and its
tables' rows (a template loop per sentence, per redline run or per cell costs several times the
text it writes)."""

from collections.abc import Iterable, Mapping

from crtdiff.compare.headline import section_name
from crtdiff.compare.wording import group_names, plural
from crtdiff.reports.pair_tables import incident_cells, metric_cells
from crtdiff.schemas import Incident
from crtdiff.schemas.diff import GroupRef, RedlineOp, RedlinePart, SectionDiff, SentenceAlignment

# Markup characters and what they become, the backslash first so that no escape is escaped
# again (a replace per character is several times faster than a regex substitution).
_MD_ESCAPES = [("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")] + [(c, "\\" + c) for c in "\\`*_[]|~"]


def md(text: object) -> str:
    """Escape report text for Markdown: it is data, never markup (no HTML, no emphasis)."""
    value = str(text)
    for special, escaped in _MD_ESCAPES:
        if special in value:
            value = value.replace(special, escaped)
    return " ".join(value.split())


def _redline(parts: list[RedlinePart]) -> str:
    out = []
    for part in parts:
        if part.op is RedlineOp.EQUAL:
            out.append(md(part.text))
        elif part.op is RedlineOp.DELETE:
            out.append(f" ~~{md(part.text)}~~ ")
        else:
            out.append(f" **{md(part.text)}** ")
    return "".join(out)


def alignment_markdown(a: SentenceAlignment) -> str:
    """A section's changed sentences as list items: edited (with the redline: ~~deleted~~,
    **inserted**), the count of cosmetic edits, added, removed and moved."""
    out = []
    if a.unchanged:
        out.append(f"_{plural(len(a.unchanged), 'sentence')} unchanged (not shown)._\n\n")
    out.extend(f"- edited: {_redline(m.redline)}\n" for m in a.modified if not m.is_cosmetic)
    cosmetic = sum(1 for m in a.modified if m.is_cosmetic)
    if cosmetic:
        out.append(
            f"- {plural(cosmetic, 'cosmetic edit')} (punctuation, quotes, spacing or dates only).\n"
        )
    out.extend(f"- added: {md(r.text)}\n" for r in a.added)
    out.extend(f"- removed: ~~{md(r.text)}~~\n" for r in a.removed)
    out.extend(
        f"- moved in from {md(section_name(m.from_section))}: {md(m.new.text)}\n"
        for m in a.moved_in
    )
    out.extend(
        f"- moved out to {md(section_name(m.to_section))}: {md(m.old.text)}\n" for m in a.moved_out
    )
    return "".join(out)


def metric_rows_markdown(sections: Iterable[SectionDiff]) -> str:
    """The section-metrics table's rows: a section's measures, recycled share and sentence
    counts, a line each."""
    return "".join(
        f"| {md(section_name(s.key))} | {' | '.join(metric_cells(s))} |\n" for s in sections
    )


def incident_rows_markdown(
    incidents: Iterable[Incident], country: str, refs: Mapping[str, GroupRef]
) -> str:
    """The new-incidents table's rows (in the order given) of the chapter of `country`, a line
    each."""
    out = []
    for i in incidents:
        when, place, kind, attribution, killed, wounded, kidnapped = incident_cells(i, country)
        out.append(
            f"| {when} | {md(place)} | {kind} | {md(group_names(i.perpetrators, refs))} | "
            f"{attribution} | {killed} | {wounded} | {kidnapped} |\n"
        )
    return "".join(out)
