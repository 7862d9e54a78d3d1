"""A pair page's tables built in Python are the template loops they replaced, byte for byte, on
real and hostile text."""

import pytest

from crtdiff.reference.bundle import Reference
from crtdiff.reports.environment import environment
from crtdiff.reports.pair_tables import incident_rows, metric_rows
from crtdiff.schemas.diff import YearDiff
from crtdiff.series.compare import compare_reports
from tests.conftest import ParseFn
from tests.reports.test_hostile_content import hostile_chapter

# The loops of pair.html.j2 before their rows were built in Python (the definition).
TEMPLATE_LOOPS = """{% autoescape true %}
{% set refs_by_id = d.groups.by_id() %}
{% for s in d.sections %}
<tr><td><a href="#section-{{ s.key | replace(':', '-') }}">{{ section_name(s.key) }}</a></td><td class="num {{ heat(s.cosine) }}">{{ s.cosine | num }}</td><td class="num">{{ s.jaccard | num }}</td><td class="num">{{ s.edit | num }}</td><td class="num">{{ s.simple | num }}</td><td class="num">{{ s.recycled_share | pct }}</td><td class="num">{{ s.sentences.unchanged | length }}</td><td class="num">{{ s.sentences.modified | length }}</td><td class="num">{{ s.sentences.added | length }}</td><td class="num">{{ s.sentences.removed | length }}</td><td class="num">{{ (s.sentences.moved_in | length) + (s.sentences.moved_out | length) }}</td></tr>
{% endfor %}
|
{% for i in d.incidents.new | sort(attribute="date") %}
<tr><td>{{ i.date }}{% if i.date_end %} – {{ i.date_end }}{% endif %}</td><td>{{ place(i.place, i.country, d.country) }}</td><td>{{ i.kind | kind }}</td><td>{{ group_links(root, i.perpetrators, refs_by_id) }}</td><td>{{ i.attribution | attribution }}</td><td class="num">{{ i.killed_min | dash }}</td><td class="num">{{ i.wounded_min | dash }}</td><td class="num">{{ i.kidnapped_min | dash }}</td><td><a href="{{ new_page }}.html#s{{ i.evidence.start }}">sentence</a></td></tr>
{% endfor %}
{% endautoescape %}"""


def _as_before(diff: YearDiff) -> str:
    template = environment().from_string(TEMPLATE_LOOPS)
    return template.render(d=diff, root="../", new_page="2017<&>")


def _as_now(diff: YearDiff) -> str:
    incidents = sorted(diff.incidents.new, key=lambda i: i.date.lower())  # the template's sort
    refs = diff.groups.by_id()
    rows = incident_rows(incidents, diff.country, "../", refs, "2017<&>")
    return f"{metric_rows(diff.sections)}|\n{rows}"


def test_rows_of_real_chapters_are_the_template_loops(mali_diffs: list[YearDiff]) -> None:
    for diff in mali_diffs:
        assert diff.sections and diff.incidents.new
        assert _as_now(diff) == _as_before(diff)


def hostile_diff(parse: ParseFn, reference: Reference, place: str, abroad: str | None) -> YearDiff:
    """Two hostile chapters compared, every new incident at `place`; in the country `abroad`
    (a place abroad is written with its country) and given an end date, when one is given."""
    old, new = (parse(hostile_chapter(year), f"mali-{year}.txt") for year in (2015, 2016))
    diff = compare_reports(old, new, reference.gazetteer)
    assert diff.incidents.new
    for incident in diff.incidents.new:
        incident.place = place
        if abroad is not None:
            incident.country = abroad
            incident.date_end = "2016-05-03"
    return diff


@pytest.mark.parametrize("abroad", [None, 'Niger "<b>"'])
def test_rows_of_hostile_text_are_the_template_loops(
    parse: ParseFn, reference: Reference, abroad: str | None
) -> None:
    diff = hostile_diff(parse, reference, "<img src=x onerror=alert(2)> & 'q'", abroad)
    assert "&lt;img" in _as_now(diff)
    assert _as_now(diff) == _as_before(diff)
