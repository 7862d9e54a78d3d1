"""Markdown of report text: every markup character escaped once, sentence changes as items,
the pair page's table rows the template loops they replaced."""

import pytest

from crtdiff.reference.bundle import Reference
from crtdiff.reports.environment import environment
from crtdiff.reports.markdown_text import (
    alignment_markdown,
    incident_rows_markdown,
    md,
    metric_rows_markdown,
)
from crtdiff.schemas.diff import (
    ModifiedSentence,
    MovedSentence,
    RedlineOp,
    RedlinePart,
    SentenceAlignment,
    SentencePair,
    SentenceRef,
    YearDiff,
)
from tests.conftest import ParseFn
from tests.reports.test_pair_tables import hostile_diff


def test_every_markup_character_is_escaped_once() -> None:
    assert md("a\\b`c*d_e[f]g|h~i & <b>\n  x") == (
        "a\\\\b\\`c\\*d\\_e\\[f\\]g\\|h\\~i &amp; &lt;b&gt; x"
    )
    assert md(2016) == "2016"


def _ref(text: str, start: int) -> SentenceRef:
    return SentenceRef(text=text, start=start, end=start + len(text))


def test_a_sections_changes_are_list_items() -> None:
    kept = _ref("Kept.", 0)
    edit = ModifiedSentence(
        old=_ref("MUJAO attacked.", 10),
        new=_ref("JNIM attacked.", 10),
        similarity=0.7,
        redline=[
            RedlinePart(op=RedlineOp.DELETE, text="MUJAO"),
            RedlinePart(op=RedlineOp.INSERT, text="JNIM"),
            RedlinePart(op=RedlineOp.EQUAL, text=" attacked."),
        ],
        is_cosmetic=False,
    )
    cosmetic = edit.model_copy(update={"is_cosmetic": True})
    moved = MovedSentence(
        old=_ref("Moved_here.", 40),
        new=_ref("Moved_here.", 50),
        from_section="overview",
        to_section="legislation",
        is_modified=False,
    )
    alignment = SentenceAlignment(
        unchanged=[SentencePair(old=kept, new=kept)],
        modified=[edit, cosmetic],
        added=[_ref("New *one*.", 30)],
        removed=[_ref("Old one.", 20)],
        moved_in=[moved],
    )
    assert alignment_markdown(alignment) == (
        "_1 sentence unchanged (not shown)._\n\n"
        "- edited:  ~~MUJAO~~  **JNIM** attacked.\n"
        "- 1 cosmetic edit (punctuation, quotes, spacing or dates only).\n"
        "- added: New \\*one\\*.\n"
        "- removed: ~~Old one.~~\n"
        "- moved in from Overview: Moved\\_here.\n"
    )


# The loops of pair.md.j2 before their rows were built in Python (the definition).
TEMPLATE_LOOPS = """{% autoescape false %}
{% set refs_by_id = d.groups.by_id() %}
{% for s in d.sections %}
| {{ section_name(s.key) | md }} | {{ s.cosine | num }} | {{ s.jaccard | num }} | {{ s.edit | num }} | {{ s.simple | num }} | {{ s.recycled_share | pct }} | {{ s.sentences.unchanged | length }} | {{ s.sentences.modified | length }} | {{ s.sentences.added | length }} | {{ s.sentences.removed | length }} | {{ (s.sentences.moved_in | length) + (s.sentences.moved_out | length) }} |
{% endfor %}
~
{% for i in d.incidents.new | sort(attribute="date") %}
| {{ i.date }}{% if i.date_end %} – {{ i.date_end }}{% endif %} | {{ place(i.place, i.country, d.country) | md }} | {{ i.kind | kind }} | {{ group_names(i.perpetrators, refs_by_id) | md }} | {{ i.attribution | attribution }} | {{ i.killed_min | dash }} | {{ i.wounded_min | dash }} | {{ i.kidnapped_min | dash }} |
{% endfor %}
{% endautoescape %}"""


def _as_before(diff: YearDiff) -> str:
    return environment().from_string(TEMPLATE_LOOPS).render(d=diff)


def _as_now(diff: YearDiff) -> str:
    incidents = sorted(diff.incidents.new, key=lambda i: i.date.lower())  # the template's sort
    rows = incident_rows_markdown(incidents, diff.country, diff.groups.by_id())
    return f"{metric_rows_markdown(diff.sections)}~\n{rows}"


def test_table_rows_of_real_chapters_are_the_template_loops(mali_diffs: list[YearDiff]) -> None:
    for diff in mali_diffs:
        assert diff.sections and diff.incidents.new
        assert _as_now(diff) == _as_before(diff)


@pytest.mark.parametrize("abroad", [None, "Niger_`|`"])
def test_table_rows_of_hostile_text_are_the_template_loops(
    parse: ParseFn, reference: Reference, abroad: str | None
) -> None:
    diff = hostile_diff(parse, reference, "*Gao* | [x](y) <b>", abroad)
    for incident in diff.incidents.new:
        incident.killed_min = None
    diff.sections[0].cosine = None
    assert "\\*Gao\\*" in _as_now(diff)
    assert _as_now(diff) == _as_before(diff)
