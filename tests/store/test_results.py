"""The result store verifies what it reads: a damaged result counts as missing."""

from pathlib import Path

import msgspec
import pytest
from pydantic import BaseModel

from crtdiff.store.results import ResultStore, seal, sealed_pair, unseal


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


def test_a_result_and_the_one_attached_share_one_file_of_a_flat_folder(tmp_path: Path) -> None:
    """A report and its timeline parts: one file, `<kind>/<key>.json`, no bucket folder."""
    store = ResultStore(tmp_path)
    store.save("reports", "ab12", Point(x=41), Mark(y=7))
    assert [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")] == [
        "reports", "reports/ab12.json",
    ]  # fmt: skip
    assert store.load("reports", "ab12", Point) == Point(x=41)
    assert store.load_attached("reports", "ab12", Mark) == Mark(y=7)
    assert store.intact("reports", "ab12")
    store.save("reports", "cd34", Point(x=1))  # nothing attached
    assert store.load_attached("reports", "cd34", Mark) is None
    assert store.load("reports", "cd34", Point) == Point(x=1)


def _damaged(path: Path, damage: object) -> None:
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]


@pytest.mark.parametrize(
    ("damage", "main", "attached"),
    [
        (lambda b: b[:-1] + b"8", True, False),  # the attached section's last byte
        (lambda b: b.replace(b'"x":41', b'"x":42'), False, True),  # the result's own
        (lambda b: b[:-3], False, False),  # truncated: the lengths no longer add up
        (lambda b: b.replace(b"crtdiff-results ", b"crtdiff-results 1", 1), False, False),
        (lambda b: b.split(b"\n", 1)[1], False, False),  # the lengths' line lost
    ],
    ids=["attached", "result", "truncated", "lengths", "no-lengths"],
)
def test_each_section_is_checked_apart(
    tmp_path: Path, damage: object, main: bool, attached: bool
) -> None:
    """A damaged section counts as missing; the other, intact, is still read."""
    store = ResultStore(tmp_path)
    store.save("reports", "ab12", Point(x=41), Mark(y=7))
    _damaged(tmp_path / "reports" / "ab12.json", damage)
    assert (store.load_attached("reports", "ab12", Mark) is not None) is attached
    assert (store.load("reports", "ab12", Point) is not None) is main


def test_attaching_anew_keeps_the_result_and_needs_it(tmp_path: Path) -> None:
    """Parts made again (damaged, or of an older form) are attached to the stored result;
    without an intact result nothing is written."""
    store = ResultStore(tmp_path)
    store.save("reports", "ab12", Point(x=41), OtherMark(y="old form"))
    assert store.load_attached("reports", "ab12", Mark) is None  # another form: not removed
    assert store.load("reports", "ab12", Point) == Point(x=41)
    store.attach("reports", "ab12", Mark(y=7))
    assert store.load_attached("reports", "ab12", Mark) == Mark(y=7)
    assert store.load("reports", "ab12", Point) == Point(x=41)
    store.attach("reports", "none", Mark(y=7))
    assert not store.has("reports", "none")
    _damaged(tmp_path / "reports" / "ab12.json", lambda b: b.replace(b'"x":41', b'"x":42'))
    store.attach("reports", "ab12", Mark(y=8))
    assert store.load_attached("reports", "ab12", Mark) == Mark(y=7)  # left as it was


def test_sealed_pair_is_what_a_save_writes(tmp_path: Path) -> None:
    store = ResultStore(tmp_path)
    store.save("reports", "ab12", Point(x=41), Mark(y=7))
    expected = b"".join(sealed_pair(b'{"x":41}', b'{"y":7}'))
    assert (tmp_path / "reports" / "ab12.json").read_bytes() == expected
