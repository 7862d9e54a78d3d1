"""The fact changes: deepdiff given only the facts that differ reports what it reports on the
whole views."""

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from crtdiff.compare.facts import deepdiff_changes, item_by_item, sorted_changes, view_changes
from crtdiff.schemas.diff import FactChange

KINDS = ("groups", "organisations", "incidents", "legal_measures")


def plain_changes(old_view: dict[str, Any], new_view: dict[str, Any]) -> list[FactChange]:
    """The definition: deepdiff of the whole views, item by item."""
    return sorted_changes(deepdiff_changes(item_by_item(old_view, new_view)))


# Ids with quotes, brackets and dots: deepdiff quotes them its own way, and two ids may then
# give one path (the order of equal paths must be deepdiff's too).
_IDS = st.text(alphabet="ab'\"[].- 1", max_size=4)
_VALUES = st.one_of(st.none(), st.integers(-2, 3), st.sampled_from(["", "x", "2019-05"]))
_FACT = st.one_of(
    st.sampled_from(["ISIS", "al-Shabaab", ""]),
    st.fixed_dictionaries({"kind": _VALUES, "date": _VALUES, "killed_min": _VALUES}),
)


def _view(items: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {kind: items.get(kind, {}) for kind in KINDS}


@st.composite
def _views(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    old = _view(draw(st.dictionaries(st.sampled_from(KINDS), st.dictionaries(_IDS, _FACT))))
    new: dict[str, Any] = {}
    for kind, items in old.items():
        # Most facts carry over, some change, some go, some come.
        kept = {k: v for k, v in items.items() if draw(st.booleans()) or draw(st.booleans())}
        changed = {k: draw(_FACT) for k in kept if not draw(st.integers(0, 3))}
        new[kind] = {**kept, **changed, **draw(st.dictionaries(_IDS, _FACT, max_size=3))}
    return old, new


@settings(max_examples=400, deadline=None)
@given(_views())
def test_changes_are_deepdiffs_of_the_whole_views(views: tuple[dict[str, Any], ...]) -> None:
    old, new = views
    assert view_changes(old, new) == plain_changes(old, new)


def test_two_changes_whose_paths_read_alike_keep_deepdiffs_order() -> None:
    # deepdiff walks the facts both years have in the new year's order, not the old year's.
    fact = {"kind": None, "date": None, "killed_min": None}
    old = _view({"legal_measures": {"1'": "ISIS", "]1\"'": fact}})
    new = _view({"legal_measures": {"]1\"'": "ISIS", "1'": fact}})
    changes = view_changes(old, new)
    assert [c.path for c in changes] == ["legal_measures", "legal_measures"]
    assert changes == plain_changes(old, new)


def test_changes_name_added_removed_and_changed_facts() -> None:
    old = _view(
        {
            "groups": {"isis": "ISIS", "aqim": "AQIM"},
            "incidents": {"i1": {"kind": "bombing", "date": "2019", "killed_min": 3}},
        }
    )
    new = _view(
        {
            "groups": {"isis": "ISIS", "jnim": "JNIM"},
            "incidents": {"i1": {"kind": "bombing", "date": "2019", "killed_min": None}},
        }
    )
    assert [(c.path, c.change, c.old, c.new) for c in view_changes(old, new)] == [
        ("groups[jnim]", "added", None, "JNIM"),
        ("groups[aqim]", "removed", "AQIM", None),
        ("incidents[i1].killed_min", "changed", 3, None),
    ]
    assert view_changes(old, old) == []
