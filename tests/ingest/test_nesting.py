"""Nesting depth is measured in one linear pass, and optional end tags do not count."""

from crtdiff.ingest.nesting import nested_deeper_than


def test_deliberate_nesting_is_caught() -> None:
    assert nested_deeper_than("<div>" * 200_000 + "x" + "</div>" * 200_000, 10_000)
    assert not nested_deeper_than("<div>" * 5_000 + "x" + "</div>" * 5_000, 10_000)


def test_paragraphs_and_list_items_without_end_tags_are_siblings() -> None:
    page = "<html><body>" + "<p>para" * 20_000 + "<ul>" + "<li>item" * 20_000 + "</ul></body>"
    assert not nested_deeper_than(page, 100)


def test_stray_end_tags_cost_nothing() -> None:
    assert not nested_deeper_than("</span>" * 50_000 + "<div></div>" * 10, 100)
    assert nested_deeper_than("</span>" * 50_000 + "<span>" * 200, 100)
