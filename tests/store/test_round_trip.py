"""Every model the result store keeps comes back from it equal: chapters, comparisons and the
timeline parts and summaries pages are built from. Hypothesis makes the chapters from the seed's paragraphs (a
subset, reordered, figures changed), so the models hold what real extraction puts in them."""

import re
from pathlib import Path

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from crtdiff.pipeline.timeline_parts import ChapterParts, PairParts
from crtdiff.reference.bundle import Reference, load_reference
from crtdiff.reports.summaries import ChapterSummary, CountrySummary, PairSummary
from crtdiff.schemas import CountryReport
from crtdiff.series.compare import compare_reports
from crtdiff.store.results import ResultStore
from tests.builders import seed_paragraphs
from tests.conftest import ParseFn

PARAGRAPHS = seed_paragraphs()
FIGURE = re.compile(r"\b\d{1,3}\b")
REFERENCE: Reference = load_reference()


@st.composite
def chapter_text(draw: st.DrawFn, year: int) -> bytes:
    """A Mali chapter of `year`: the seed's first paragraph, then others drawn and edited."""
    picked = draw(st.lists(st.sampled_from(PARAGRAPHS[1:]), min_size=2, max_size=12, unique=True))
    figures = draw(st.lists(st.integers(0, 400), min_size=len(picked), max_size=len(picked)))
    edited = [FIGURE.sub(str(n), p, count=1) for p, n in zip(picked, figures, strict=True)]
    lines = [f"Country Reports on Terrorism {year}", "Mali", PARAGRAPHS[0], *edited]
    return "\n\n".join(lines).encode()


def stored(
    store: ResultStore, kind: str, model: BaseModel | msgspec.Struct
) -> BaseModel | msgspec.Struct | None:
    """The model saved and read back through the store, as a run does between tasks."""
    key = f"{kind}-{id(model):x}"
    store.save(kind, key, model)
    return store.load(kind, key, type(model))


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(old_text=chapter_text(2016), new_text=chapter_text(2017))
def test_every_stored_model_round_trips(
    parse: ParseFn, tmp_path: Path, old_text: bytes, new_text: bytes
) -> None:
    store = ResultStore(tmp_path / "store")
    old = parse(old_text, "mali-2016.txt", country="Mali", year=2016)
    new = parse(new_text, "mali-2017.txt", country="Mali", year=2017)
    diff = compare_reports(old, new, REFERENCE.gazetteer)
    chapters = [ChapterSummary.of(old), ChapterSummary.of(new)]
    pair = PairSummary.of(diff)
    country = CountrySummary.of(chapters, [pair])
    models: list[tuple[str, BaseModel | msgspec.Struct]] = [
        ("reports", old), ("reports", new), ("diffs", diff), ("chapters", ChapterParts.of(old, "render")),
        ("pairs", PairParts.of(diff, "render")), ("summaries", country),
    ]  # fmt: skip
    for kind, model in models:
        assert stored(store, kind, model) == model, kind
    assert isinstance(stored(store, "reports", old), CountryReport)
    store.save("reports", "with-parts", old, ChapterParts.of(old, "render"))
    assert store.load_attached("reports", "with-parts", ChapterParts) == ChapterParts.of(
        old, "render"
    )
    assert store.load("reports", "with-parts", CountryReport) == old
