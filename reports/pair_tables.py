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


def metric_rows(sections: Iterable[SectionDiff]) -> Markup:
    """A row per section: its measures, recycled share and sentence counts."""
    out = []
    for s in sections:
        a = s.sentences
        out.append(
            f'<tr><td><a href="#section-{escape_text(s.key.replace(":", "-"))}">'
            f"{escape_text(section_name(s.key))}</a></td>"
            f'<td class="num {escape_text(heat_class(s.cosine))}">{escape_text(num(s.cosine))}</td>'
            f'<td class="num">{escape_text(num(s.jaccard))}</td>'
            f'<td class="num">{escape_text(num(s.edit))}</td>'
            f'<td class="num">{escape_text(num(s.simple))}</td>'
            f'<td class="num">{escape_text(pct(s.recycled_share))}</td>'
            f'<td class="num">{len(a.unchanged)}</td>'
            f'<td class="num">{len(a.modified)}</td>'
            f'<td class="num">{len(a.added)}</td>'
            f'<td class="num">{len(a.removed)}</td>'
            f'<td class="num">{len(a.moved_in) + len(a.moved_out)}</td></tr>\n'
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
        end = f" – {escape_text(i.date_end)}" if i.date_end else ""
        out.append(
            f"<tr><td>{escape_text(i.date)}{end}</td>"
            f"<td>{escape_text(place_label(i.place, i.country, country))}</td>"
            f"<td>{escape_text(kind_label(i.kind))}</td>"
            f"<td>{group_links(root, i.perpetrators, refs)}</td>"
            f"<td>{escape_text(attribution_label(i.attribution))}</td>"
            f'<td class="num">{escape_text(dash(i.killed_min))}</td>'
            f'<td class="num">{escape_text(dash(i.wounded_min))}</td>'
            f'<td class="num">{escape_text(dash(i.kidnapped_min))}</td>'
            f'<td><a href="{sentence_anchor(page, i.evidence.start)}">sentence</a></td></tr>\n'
        )
    return Markup("".join(out))
