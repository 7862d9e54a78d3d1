"""The result store verifies what it reads: a damaged result counts as missing."""

from pathlib import Path

import msgspec
import pytest
from pydantic import BaseModel

from crtdiff.store.results import ResultStore, seal, unseal


class Point(BaseModel):
    x: int


class Mark(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A result kept as a msgspec Struct, as the country summaries are."""

    y: int


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[:-3],  # truncated
        lambda b: b[:-2] + b"9}",  # one digit changed: still valid JSON and a valid model
        lambda b: b"",  # emptied
        lambda b: b.split(b"\n", 1)[1],  # an unsealed file (an older version's)
    ],
    ids=["truncated", "bit-flip", "empty", "unsealed"],
)
def test_damaged_results_load_as_missing(tmp_path: Path, damage: object) -> None:
    store = ResultStore(tmp_path)
    store.save("chapters", "ab12", Point(x=41))
    store.save("summaries", "ab12", Mark(y=41))
    store.save_json("rows", "ab12", {"incidents": [{"killed_min": 41}]})
    store.save_bytes("summaries", "ab12", "incidents.arrow", b"ARROW1")
    assert store.load("chapters", "ab12", Point) == Point(x=41)
    assert store.load("summaries", "ab12", Mark) == Mark(y=41)
    assert store.intact("summaries", "ab12", ("incidents.arrow",))
    for path in tmp_path.rglob("ab12*"):
        path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    assert store.load("chapters", "ab12", Point) is None
    assert store.load("summaries", "ab12", Mark) is None
    assert store.intact("summaries", "ab12", ("incidents.arrow",)) is False
    assert store.load_json("rows", "ab12") is None
    assert store.load_bytes("summaries", "ab12", "incidents.arrow") is None


def test_seal_round_trip() -> None:
    assert unseal(seal(b"")) == b""
    assert unseal(seal(b"payload\n")) == b"payload\n"
    assert unseal(b"payload") is None


def test_size_is_what_a_result_takes_on_disk(tmp_path: Path) -> None:
    store = ResultStore(tmp_path)
    store.save_bytes("summaries", "ab12", "incidents.arrow", b"ARROW1")
    assert store.size("summaries", "ab12", "incidents.arrow") == len(seal(b"ARROW1"))
    assert store.size("summaries", "ab12") == 0  # the summary itself is missing
    assert store.size("summaries", "cd34", "incidents.arrow") == 0


def test_a_discarded_result_counts_as_missing(tmp_path: Path) -> None:
    store = ResultStore(tmp_path)
    store.save("summaries", "ab12", Mark(y=1))
    store.discard("summaries", "ab12")
    assert not store.has("summaries", "ab12") and not store.intact("summaries", "ab12")
    store.discard("summaries", "ab12")  # already gone: nothing to do


class OtherPoint(BaseModel):
    x: str


class OtherMark(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    y: str


def test_a_result_of_another_form_is_removed_when_loaded(tmp_path: Path) -> None:
    """Intact on disk (its seal holds) but not of the form the code reads: removed, so that no
    later check trusts it."""
    store = ResultStore(tmp_path)
    store.save("chapters", "ab12", Point(x=41))
    store.save("summaries", "ab12", Mark(y=41))
    assert store.intact("chapters", "ab12") and store.intact("summaries", "ab12")
    assert store.load("chapters", "ab12", OtherPoint) is None
    assert store.load("summaries", "ab12", OtherMark) is None
    assert not store.has("chapters", "ab12") and not store.has("summaries", "ab12")
