"""The collector: off for a batch, back on after it (even when it fails), and a country's
memory is freed without it."""

import gc
from pathlib import Path

import pytest

from crtdiff.pipeline.collector import fewer_collections
from crtdiff.schemas import CountryReport
from tests.conftest import SEED
from tests.plain_site import Chapter, build_site


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
