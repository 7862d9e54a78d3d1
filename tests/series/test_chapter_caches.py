"""Parsing and extraction keep per-process caches of what a sentence (a paragraph, a piece of a
body) gives, since most sentences carry over from year to year: a chapter parsed after others
must give exactly what it gives in a fresh process. The same sentence comes back in another
report year (its dates are that year's), another section and at another offset (its spans are
its own), which a cache keyed on too little would get wrong."""

import random
import sys
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crtdiff.extract.facts  # noqa: F401  (the extractors, else imported on a series' first use)
from benchmarks.synthetic import CountryState, chapter
from crtdiff.errors import InputError
from crtdiff.extract import dates
from crtdiff.paths import DATA_DIR
from crtdiff.reference.bundle import Reference
from crtdiff.reference.countries import load_countries
from crtdiff.series.chapter import OnMismatch, RawSource, Request, parse_chapter

_CACHED = ("crtdiff.text", "crtdiff.ingest", "crtdiff.extract")
"""The packages whose caches hold what a text gives (the reference tables' loaders are not
such caches: they read files)."""


def _text_caches() -> list[Callable[[], None]]:
    """`cache_clear` of every cached function of the parsing and extraction modules."""
    found = []
    for name, module in list(sys.modules.items()):
        if not name.startswith(_CACHED):
            continue
        for value in vars(module).values():
            if getattr(value, "__module__", None) == name and hasattr(value, "cache_clear"):
                found.append(value.cache_clear)
    return found


def _clear(reference: Reference) -> None:
    for clear in _text_caches():
        clear()
    furniture = reference.furniture
    for matcher in (furniture.leading, furniture.anywhere, furniture.trailing):
        matcher._answers.by_line.clear()


def test_the_caches_are_found() -> None:
    """The sentence-level caches this file empties are there to be emptied (a renamed module
    would leave the test comparing warm caches with warm caches)."""
    clears = _text_caches()
    assert len(clears) >= 18
    assert dates._find_dates.cache_clear in clears


def _country_years(seed: int, first: int, count: int) -> list[tuple[str, str, int]]:
    """(country, text, year) of `count` consecutive synthetic chapters of one country: each
    year keeps most of the year before's sentences verbatim."""
    countries = list(load_countries().countries)
    country = countries[seed % len(countries)]
    state = CountryState(country, random.Random(seed))
    return [(country.name, chapter(state, year), year) for year in range(first, first + count)]


_MALI = [
    ("Mali", (DATA_DIR / "samples" / "mali" / "2015.txt").read_text(encoding="utf-8"), 2015),
    ("Mali", (DATA_DIR / "raw" / "mali" / "2016.txt").read_text(encoding="utf-8"), 2016),
    ("Mali", (DATA_DIR / "samples" / "mali" / "2017.txt").read_text(encoding="utf-8"), 2017),
]
"""Three years of a real-looking chapter (the seed and the samples written around it)."""


def _reshaped(text: str, year: int, new_year: int, moves: list[tuple[int, int]]) -> str:
    """The chapter as of `new_year` (its title says so), its paragraphs moved about: a
    paragraph taken from one section to another, every later sentence at another offset."""
    lines = text.split("\n")
    title, rest = lines[0], "\n".join(lines[1:])
    paragraphs = rest.split("\n\n")
    for source, target in moves:
        if len(paragraphs) > 1:
            moved = paragraphs.pop(source % len(paragraphs))
            paragraphs.insert(target % (len(paragraphs) + 1), moved)
    return title.replace(str(year), str(new_year)) + "\n" + "\n\n".join(paragraphs)


def _parse(country: str, text: str, year: int, reference: Reference) -> str:
    """The report as JSON, or the one-line error a text that is no chapter gets."""
    raw = RawSource(
        text.encode(), f"data/raw/x/{year}.txt", datetime(2024, 1, 1, tzinfo=UTC), illustrative=True
    )
    request = Request(country, year, on_mismatch=OnMismatch.WARN)
    try:
        return parse_chapter(raw, request, reference).model_dump_json()
    except InputError as error:
        return f"refused: {error}"


_MOVES = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=3)
_CHAPTER = st.tuples(
    st.integers(0, 4),  # which chapter of the run
    st.integers(-3, 3),  # its report year moved by
    _MOVES,
)


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    real=st.booleans(),
    picks=st.lists(_CHAPTER, min_size=2, max_size=5),
)
def test_a_chapter_parsed_after_others_is_what_it_is_alone(
    seed: int, real: bool, picks: list[tuple[int, int, list[tuple[int, int]]]], reference: Reference
) -> None:
    base = _MALI if real else _country_years(seed, 2008 + seed % 8, 5)
    run = []
    for which, shift, moves in picks:
        country, text, year = base[which % len(base)]
        run.append((country, _reshaped(text, year, year + shift, moves), year + shift))
    _clear(reference)
    warm = [_parse(country, text, year, reference) for country, text, year in run]
    for (country, text, year), seen in zip(run, warm, strict=True):
        _clear(reference)
        assert _parse(country, text, year, reference) == seen


def test_a_cache_keyed_on_too_little_is_caught(
    reference: Reference, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check above fails when dates are kept per sentence whatever the report year (as a
    cache keyed on the text alone would): the same bullet read in two years."""
    _, text, year = _MALI[1]
    moved = _reshaped(text, year, year + 1, [])
    real = dates._find_dates
    kept: dict[str, tuple[dates.DatePhrase, ...]] = {}

    def loose(text: str, default_year: int) -> tuple[dates.DatePhrase, ...]:
        return kept.setdefault(text, real(text, default_year))

    monkeypatch.setattr(dates, "_find_dates", loose)
    _clear(reference)
    _parse("Mali", text, year, reference)
    warm = _parse("Mali", moved, year + 1, reference)
    kept.clear()
    assert _parse("Mali", moved, year + 1, reference) != warm
