"""The site index's grid cells, written in Python rather than by a template loop per cell:
exactly the markup the template wrote, hostile titles escaped."""

from crtdiff.reports.site import _cell
from crtdiff.reports.summaries import YearCell

HOSTILE = "Mali <script>alert('x')</script> & \"co\""


def test_an_empty_year_is_an_empty_cell() -> None:
    assert _cell(None) == '<td class="num "></td>'


def test_a_first_year_links_its_chapter_with_a_dot() -> None:
    first = YearCell(
        title=HOSTILE, illustrative=True, changed=None, pair=None, chapter="mali/2015.html"
    )
    assert _cell(first) == (
        '<td class="num cell-0"><a href="mali/2015.html" title="Mali &lt;script&gt;alert('
        '&#39;x&#39;)&lt;/script&gt; &amp; &#34;co&#34;">●</a> ◇</td>'
    )


def test_a_later_year_links_its_change_summary_with_the_share_changed() -> None:
    later = YearCell(
        title="Mali", illustrative=False, changed=0.42, pair="mali/2015-2016.html",
        chapter="mali/2016.html",
    )  # fmt: skip
    assert _cell(later) == (
        '<td class="num cell-2"><a href="mali/2015-2016.html" title="Mali">42%</a></td>'
    )
