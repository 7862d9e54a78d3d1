"""The collector: off for a batch, back on after it (even when it fails), and a country's
memory is freed without it; during a run, the objects alive before it are left out of its
passes, and handed back after."""

import gc
import weakref
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import pytest

from crtdiff.pipeline.collector import fewer_collections, older_objects_set_aside
from crtdiff.pipeline.plain_runner import call_in_place, plain_wiring
from crtdiff.pipeline.run import run_guarded
from crtdiff.schemas import CountryReport
from tests.conftest import SEED
from tests.plain_site import Chapter, build_site

T = TypeVar("T")


def test_collector_off_in_batch_and_on_after() -> None:
    assert gc.isenabled()
    with fewer_collections():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_collector_back_on_after_a_failing_batch() -> None:
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_collector_left_off_when_it_was_off() -> None:
    gc.disable()
    try:
        with fewer_collections():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_country_s_reports_are_freed_without_the_collector(tmp_path: Path) -> None:
    """No reference cycle holds a country's reports once its task is done: with the collector
    off, as it is in a batch, reference counting alone frees them."""
    chapters = [Chapter("Mali", year, SEED) for year in (2015, 2016)]
    gc.collect()
    before = {id(o) for o in gc.get_objects() if isinstance(o, CountryReport)}  # other tests'
    with fewer_collections():
        build_site(tmp_path, chapters)
        alive = [
            o for o in gc.get_objects() if isinstance(o, CountryReport) and id(o) not in before
        ]
    assert alive == []


def test_objects_alive_before_the_block_are_set_aside_then_handed_back() -> None:
    older = [object()]  # tracked by the collector (a list), alive before the block
    assert gc.get_freeze_count() == 0
    with older_objects_set_aside():
        assert gc.get_freeze_count() >= 1
        young = [object()]
        assert gc.is_tracked(young)
        gc.collect()  # a full pass of the block: the older objects are not in it
        assert gc.get_freeze_count() >= 1
    assert gc.get_freeze_count() == 0
    assert older


def test_objects_handed_back_when_the_block_fails() -> None:
    with pytest.raises(RuntimeError), older_objects_set_aside():
        raise RuntimeError("boom")
    assert gc.get_freeze_count() == 0


def test_objects_frozen_by_the_embedding_program_stay_frozen() -> None:
    gc.freeze()
    try:
        with older_objects_set_aside():
            pass
        assert gc.get_freeze_count() > 0  # not handed back: not ours
    finally:
        gc.unfreeze()


def test_a_run_sets_the_objects_alive_before_it_aside(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "mali").mkdir(parents=True)
    (data / "mali" / "2016.txt").write_bytes(SEED.read_bytes())
    catalog = data / "sources.toml"
    catalog.write_text('[[report]]\ncountry = "Mali"\nyear = 2016\nsource = "mali/2016.txt"\n')
    frozen: list[int] = []

    def dispatch(step: Callable[..., T], calls: Sequence[tuple[Any, ...]]) -> Iterator[T]:
        frozen.append(gc.get_freeze_count())
        return call_in_place(step, calls)

    wiring = replace(plain_wiring(), dispatch=dispatch)
    run = run_guarded(wiring, catalog, tmp_path / "out", tmp_path / "store")
    assert run.exit_code == 0, run.failure or run.bug
    assert frozen and all(count > 0 for count in frozen)
    assert gc.get_freeze_count() == 0


class _Node:
    """An object the collector tracks, that a weak reference can watch."""

    def __init__(self) -> None:
        self.link: object = None


def test_what_a_batch_leaves_alive_skips_the_young_passes() -> None:
    """Its survivors go to the oldest generation: the next young collection does not walk
    them (it walked some 20,000 objects after every country's task, to find nothing)."""
    with fewer_collections():
        kept = _Node()
    assert any(o is kept for o in gc.get_objects(generation=2))
    assert not any(o is kept for o in gc.get_objects(generation=0))


def test_a_cycle_a_batch_leaves_is_collected_by_the_next_full_pass() -> None:
    with fewer_collections():
        node = _Node()
        node.link = node
        watch = weakref.ref(node)
        del node
    assert watch() is not None  # garbage, but no pass has run
    gc.collect()
    assert watch() is None


def _generation(obj: object) -> int | None:
    """The collector's generation holding `obj`; None when set aside (frozen)."""
    return next((g for g in range(3) if any(o is obj for o in gc.get_objects(g))), None)


def test_a_batch_in_a_run_leaves_the_run_s_set_aside_as_it_is() -> None:
    older = _Node()
    with older_objects_set_aside():
        with fewer_collections():
            young = _Node()
        assert _generation(older) is None  # the run's older objects still set aside
        assert _generation(young) == 0
    assert gc.get_freeze_count() == 0
    assert _generation(older) == 2
