"""Fact ids: `base`, `base-2`, `base-3`… in order, never twice, in linear time."""

from crtdiff.extract.ids import Ids


def test_ids_are_numbered_in_order_and_never_repeat() -> None:
    ids = Ids()
    assert [ids.claim("2016-01-05-gao-armed-assault") for _ in range(3)] == [
        "2016-01-05-gao-armed-assault",
        "2016-01-05-gao-armed-assault-2",
        "2016-01-05-gao-armed-assault-3",
    ]
    assert ids.claim("x-2") == "x-2"  # a base that looks like a numbered id
    assert [ids.claim("x") for _ in range(3)] == ["x", "x-3", "x-4"]
    assert "x-3" in ids and "x-5" not in ids


def test_many_ids_of_one_base() -> None:
    ids = Ids()
    claimed = [ids.claim("same") for _ in range(50_000)]
    assert len(set(claimed)) == 50_000 and claimed[-1] == "same-50000"
