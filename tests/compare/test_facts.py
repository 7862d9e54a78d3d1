"""fact_changes walks the keyed views itself: it must find exactly what deepdiff finds."""

import re
from typing import Any

import pytest
from deepdiff import DeepDiff

from crtdiff.compare.facts import _item_changes, fact_changes, keyed_views
from crtdiff.schemas import CountryReport
from crtdiff.schemas.diff import FactChange

_PART = re.compile(r"\['([^']*)'\]")


def _deepdiff_changes(old_view: dict[str, Any], new_view: dict[str, Any]) -> set[tuple[Any, ...]]:
    """The changes as deepdiff reports them, in fact_changes' terms."""

    def path(raw: str) -> str:
        head, key, *fields = _PART.findall(raw)
        return f"{head}[{key}]" + "".join(f".{f}" for f in fields)

    def label(value: Any) -> Any:
        return value.get("kind") or value.get("date") if isinstance(value, dict) else value

    diff = DeepDiff(old_view, new_view, verbose_level=2, threshold_to_diff_deeper=0)
    found = {
        (path(r), "added", None, label(v)) for r, v in diff.get("dictionary_item_added", {}).items()
    }
    found |= {
        (path(r), "removed", label(v), None)
        for r, v in diff.get("dictionary_item_removed", {}).items()
    }
    for kind in ("values_changed", "type_changes"):
        found |= {
            (path(r), "changed", v["old_value"], v["new_value"])
            for r, v in diff.get(kind, {}).items()
        }
    return found


def _as_set(changes: list[FactChange]) -> set[tuple[Any, ...]]:
    return {(c.path, c.change, c.old, c.new) for c in changes}


@pytest.mark.parametrize(
    "years",
    [("mali_2015", "seed_report"), ("seed_report", "mali_2017"), ("mali_2015", "mali_2017")],
)
def test_the_walk_finds_what_deepdiff_finds(
    years: tuple[str, str], request: pytest.FixtureRequest
) -> None:
    old: CountryReport = request.getfixturevalue(years[0])
    new: CountryReport = request.getfixturevalue(years[1])
    changes = fact_changes(old, new)
    assert changes
    assert _as_set(changes) == _deepdiff_changes(*keyed_views(old, new))
    assert changes == sorted(changes, key=lambda c: (c.path.split("[")[0], c.change, c.path))


def test_a_field_that_becomes_unknown_is_a_change_like_a_value_that_changes() -> None:
    """deepdiff calls 4 → None a type change and 4 → 5 a value change: both are `changed`."""
    old = {
        "incidents": {"a": {"kind": "bombing", "killed_min": 4, "wounded_min": 2, "place": "Gao"}}
    }
    new = {
        "incidents": {
            "a": {"kind": "bombing", "killed_min": None, "wounded_min": 3, "place": "Gao"}
        }
    }
    changes = _item_changes("incidents", old["incidents"], new["incidents"])
    assert (
        _as_set(changes)
        == _deepdiff_changes(old, new)
        == {
            ("incidents[a].killed_min", "changed", 4, None),
            ("incidents[a].wounded_min", "changed", 2, 3),
        }
    )


def test_plain_values_are_changed_added_and_removed_by_id() -> None:
    old = {"groups": {"aqim": "AQIM", "isis": "ISIS"}}
    new = {"groups": {"aqim": "al-Qa'ida in the Islamic Maghreb", "jnim": "JNIM"}}
    changes = _item_changes("groups", old["groups"], new["groups"])
    assert (
        _as_set(changes)
        == _deepdiff_changes(old, new)
        == {
            ("groups[aqim]", "changed", "AQIM", "al-Qa'ida in the Islamic Maghreb"),
            ("groups[jnim]", "added", None, "JNIM"),
            ("groups[isis]", "removed", "ISIS", None),
        }
    )
