"""The lists of groups built in Python are the template loops they replaced, byte for byte, on
real chapters and on hostile names."""

from crtdiff.reports.environment import environment
from crtdiff.reports.group_lists import (
    chapter_group_items,
    continuing_links,
    continuing_names_markdown,
)
from crtdiff.schemas import CountryReport, Evidence, Group, Mention
from crtdiff.schemas.diff import GroupRef, GroupsDiff, YearDiff

# The loops of chapter.html.j2 and pair.html.j2 (autoescaped) and of pair.md.j2 (not) before
# they were built in Python (the definition).
CHAPTER_LOOP = """{% autoescape true %}
{% for g in report.groups %}<li>{{ group_link(root, g.id, g.name) }}{% if g.acronym %} ({{ g.acronym }}){% endif %}: named {{ plural(g.mentions | length, "time") }}, first in <a href="#s{{ g.mentions[0].evidence.start }}">this sentence</a></li>
{% endfor %}
{% endautoescape %}"""
PAIR_LOOP = """{% autoescape true %}
{% for g in d.groups.continuing %}{{ group_link(root, g.id, member_name(g, refs_by_id)) }}{% if g.new_evidence %} (<a href="{{ new_page }}.html#s{{ g.new_evidence.start }}" aria-label="{{ display_name(g) }} in the {{ d.new_year }} chapter">sentence</a>){% endif %}{{ ", " if not loop.last }}{% endfor %}
{% endautoescape %}"""
MARKDOWN_LOOP = """{% autoescape false %}
{% for g in d.groups.continuing %}{{ member_name(g, refs_by_id) | md }}{{ ", " if not loop.last }}{% endfor %}
{% endautoescape %}"""

HOSTILE = "<script>alert(1)</script> & \"q\" 's' `*_[x]|~"
ROOT, PAGE = "../<&>'", '2017-"safe"<haven>'


def _chapter_items(report: CountryReport) -> tuple[str, str]:
    before = environment().from_string(CHAPTER_LOOP).render(report=report, root=ROOT)
    return str(chapter_group_items(ROOT, report.groups)), before


def _continuing(diff: YearDiff) -> list[tuple[str, str]]:
    refs = diff.groups.by_id()
    context = {"d": diff, "root": ROOT, "new_page": PAGE, "refs_by_id": refs}
    html = continuing_links(ROOT, diff.groups.continuing, refs, PAGE, diff.new_year)
    markdown = continuing_names_markdown(diff.groups.continuing, refs)
    return [
        (str(html), environment().from_string(PAIR_LOOP).render(**context)),
        (markdown, environment().from_string(MARKDOWN_LOOP).render(**context)),
    ]


def test_lists_of_real_chapters_are_the_template_loops(
    mali_2015: CountryReport,
    seed_report: CountryReport,
    mali_2017: CountryReport,
    mali_diffs: list[YearDiff],
) -> None:
    for report in (mali_2015, seed_report, mali_2017):
        assert report.groups
        now, before = _chapter_items(report)
        assert now == before
    evidenced = 0
    for diff in mali_diffs:
        assert diff.groups.continuing
        evidenced += sum(1 for g in diff.groups.continuing if g.new_evidence)
        for now, before in _continuing(diff):
            assert now == before
    assert evidenced


def _evidence(start: int) -> Evidence:
    sentence = f"{HOSTILE}."
    return Evidence(section="overview", sentence=sentence, start=start, end=start + len(sentence))


def test_lists_of_hostile_names_are_the_template_loops(
    mali_2015: CountryReport, mali_diffs: list[YearDiff]
) -> None:
    mentions = [Mention(text=HOSTILE, start=12, end=20, evidence=_evidence(10))]
    groups = [
        Group(id="hostile-one", name=HOSTILE, acronym=HOSTILE, mentions=mentions),
        Group(id="hostile-two", name=HOSTILE, mentions=mentions * 2),
    ]
    now, before = _chapter_items(mali_2015.model_copy(update={"groups": groups}))
    assert "&lt;script&gt;" in now
    assert now == before

    umbrella = GroupRef(id="umbrella", name=f"Umbrella {HOSTILE} with a long name", acronym="U<&>")
    continuing = [
        GroupRef(id="hostile-one", name=HOSTILE, acronym="H<1>", new_evidence=_evidence(7)),
        GroupRef(id="hostile-two", name=HOSTILE, part_of="umbrella"),
        GroupRef(id="hostile-three", name="x" * 40, acronym=HOSTILE, new_evidence=_evidence(9)),
        umbrella,
    ]
    diff = mali_diffs[0].model_copy(update={"groups": GroupsDiff(continuing=continuing)})
    for now, before in _continuing(diff):
        assert HOSTILE not in now
        assert now == before
