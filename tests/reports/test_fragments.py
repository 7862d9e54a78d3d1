"""HTML fragments of the templates' inner loops: marked up as intended, report text escaped."""

from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from crtdiff.reports.fragments import (
    alignment_html,
    escape_text,
    group_link,
    group_links,
    presence_cell,
    presence_rows,
    quote,
    redline_html,
    replace_escape,
    sentence_link,
)
from crtdiff.schemas.diff import (
    GroupRef,
    RedlineOp,
    RedlinePart,
    SentenceAlignment,
    SentencePair,
    SentenceRef,
)

HOSTILE = '<script>alert(1)</script> & "quotes" <img src=x onerror=alert(2)>'
ESCAPED = (
    "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quotes&#34; "
    "&lt;img src=x onerror=alert(2)&gt;"
)


def test_sentence_link_points_at_the_anchor_and_escapes_text() -> None:
    ref = SentenceRef(text=HOSTILE, start=120, end=120 + len(HOSTILE))
    assert str(sentence_link(ref, "2017")) == f'<a href="2017.html#s120">{ESCAPED}</a>'
    link = str(sentence_link(ref, "2017-safe-haven"))
    assert link.startswith('<a href="2017-safe-haven.html#s120">')


def test_redline_marks_deletions_and_insertions() -> None:
    parts = [
        RedlinePart(op=RedlineOp.EQUAL, text="Attacks by "),
        RedlinePart(op=RedlineOp.DELETE, text="MUJAO "),
        RedlinePart(op=RedlineOp.INSERT, text="JNIM <b>"),
        RedlinePart(op=RedlineOp.EQUAL, text="rose."),
    ]
    assert str(redline_html(parts)) == (
        "Attacks by <del>MUJAO </del><ins>JNIM &lt;b&gt;</ins>rose."
    )


def test_escape_text_is_markupsafes_escape() -> None:
    for text in (HOSTILE, "al-Qa'ida & “ISIS” <b>", "plain", ""):
        assert escape_text(text) == str(escape(text)) == replace_escape(text)


@given(st.text())
def test_any_text_is_escaped_as_markupsafe_and_the_replaces_escape_it(text: str) -> None:
    assert escape_text(text) == str(escape(text)) == replace_escape(text)


def test_a_sections_body_links_and_escapes_every_sentence() -> None:
    old = SentenceRef(text=HOSTILE, start=5, end=5 + len(HOSTILE))
    new = SentenceRef(text="Kept <b> sentence.", start=9, end=27)
    alignment = SentenceAlignment(
        unchanged=[SentencePair(old=new, new=new)], added=[new], removed=[old]
    )
    html = str(alignment_html(alignment, "2016", "2017", 2016, 2017))
    assert html == (
        '<p class="redline"><span class="mark mark-add">added</span> <ins>'
        '<a href="2017.html#s9">Kept &lt;b&gt; sentence.</a></ins></p>\n'
        '<p class="redline"><span class="mark mark-del">removed</span> <del>'
        f'<a href="2016.html#s5">{ESCAPED}</a></del></p>\n'
        "<details><summary>1 unchanged sentence</summary>\n"
        '<p><a href="2017.html#s9">Kept &lt;b&gt; sentence.</a></p>\n</details>'
    )


def test_quote_links_the_evidence_or_says_nothing() -> None:
    evidence = SimpleNamespace(start=42, sentence=HOSTILE)
    assert str(quote(evidence, 2017, "2017")) == (
        '<a class="quote" href="2017.html#s42" title="Open the sentence in the 2017 chapter">'
        f"“{ESCAPED}”</a>"
    )
    assert str(quote(None, 2017, "2017")) == ""


def test_group_links_use_full_names_where_known_and_a_dash_for_none() -> None:
    aqim = GroupRef(id="aqim", name="al-Qa'ida in the Islamic Maghreb", acronym="AQIM")
    html = str(group_links("../", ["aqim", "unknown-group"], {"aqim": aqim}))
    assert html == (
        '<a class="group" href="../groups/aqim.html">al-Qa&#39;ida in the Islamic Maghreb '
        '(AQIM)</a>, <a class="group" href="../groups/unknown-group.html">unknown-group</a>'
    )
    assert str(group_links("../", [], {})) == "–"
    assert str(group_link("", "isis", HOSTILE)) == (
        f'<a class="group" href="groups/isis.html">{ESCAPED}</a>'
    )


def test_presence_rows_link_each_named_year_and_dash_the_others() -> None:
    named = presence_cell("../mali/2016.html#s5", 1, former=False, illustrative=False)
    former = presence_cell(f"x{HOSTILE}", 3, former=True, illustrative=True)
    rows = {HOSTILE: {2016: named}, "Mali": {2015: former, 2016: named}}
    dash = '<td class="num"><span class="muted">–</span></td>'
    link = '<td class="num"><a href="../mali/2016.html#s5" title="1 mention">named</a></td>'
    assert str(presence_rows(rows, [2015, 2016])) == (
        f'<tr><th scope="row">{ESCAPED}</th>{dash}{link}</tr>\n'
        f'<tr><th scope="row">Mali</th><td class="num"><a href="x{ESCAPED}" '
        'title="3 mentions; only as a former name; illustrative text">former name</a> ◇</td>'
        f"{link}</tr>\n"
    )
