"""A pair page's tables built in Python: the section metrics and the new incidents (a template
expression per cell cost more than the rest of the page's tables together). Every text is
escaped as the template escaped it (all are plain strings: `escape_text`)."""

from collections.abc import Iterable, Mapping

from markupsafe import Markup

from crtdiff.compare.headline import section_name
from crtdiff.compare.wording import attribution_label, kind_label, place_label
from crtdiff.reports.cells import dash, num, pct
from crtdiff.reports.charts import heat_class
from crtdiff.reports.fragments import escape_text, group_links, sentence_anchor
from crtdiff.schemas import Incident
from crtdiff.schemas.diff import GroupRef, SectionDiff


def metric_cells(s: SectionDiff) -> list[str]:
    """A section's metric cells after its name, as both pair pages write them: its cosine,
    Jaccard, edit and simple similarities, recycled share, then its unchanged, modified, added,
    removed and moved sentences."""
    a = s.sentences
    counts = (a.unchanged, a.modified, a.added, a.removed)
    moved = len(a.moved_in) + len(a.moved_out)
    measures = [num(s.cosine), num(s.jaccard), num(s.edit), num(s.simple)]
    return [*measures, pct(s.recycled_share), *(str(len(c)) for c in counts), str(moved)]


def incident_cells(i: Incident, country: str) -> tuple[str, str, str, str, str, str, str]:
    """An incident's cells but its perpetrators, as both pair pages write them (the chapter of
    `country`): when, place, kind, attribution, killed, wounded, kidnapped."""
    when = f"{i.date} – {i.date_end}" if i.date_end else i.date
    return (
        when, place_label(i.place, i.country, country), kind_label(i.kind),
        attribution_label(i.attribution), dash(i.killed_min), dash(i.wounded_min),
        dash(i.kidnapped_min),
    )  # fmt: skip


def metric_rows(sections: Iterable[SectionDiff]) -> Markup:
    """A row per section: its measures, recycled share and sentence counts."""
    out = []
    for s in sections:
        cosine, *rest = metric_cells(s)
        out.append(
            f'<tr><td><a href="#section-{escape_text(s.key.replace(":", "-"))}">'
            f"{escape_text(section_name(s.key))}</a></td>"
            f'<td class="num {escape_text(heat_class(s.cosine))}">{escape_text(cosine)}</td>'
            + "".join(f'<td class="num">{escape_text(cell)}</td>' for cell in rest)
            + "</tr>\n"
        )
    return Markup("".join(out))


def incident_rows(
    incidents: Iterable[Incident],
    country: str,
    root: str,
    refs: Mapping[str, GroupRef],
    page: str,
) -> Markup:
    """A row per incident (in the order given) of the chapter of `country`, its evidence linked
    in the chapter page `page`."""
    out = []
    for i in incidents:
        when, place, kind, attribution, killed, wounded, kidnapped = incident_cells(i, country)
        out.append(
            f"<tr><td>{escape_text(when)}</td>"
            f"<td>{escape_text(place)}</td>"
            f"<td>{escape_text(kind)}</td>"
            f"<td>{group_links(root, i.perpetrators, refs)}</td>"
            f"<td>{escape_text(attribution)}</td>"
            f'<td class="num">{escape_text(killed)}</td>'
            f'<td class="num">{escape_text(wounded)}</td>'
            f'<td class="num">{escape_text(kidnapped)}</td>'
            f'<td><a href="{sentence_anchor(page, i.evidence.start)}">sentence</a></td></tr>\n'
        )
    return Markup("".join(out))
