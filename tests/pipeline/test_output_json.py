"""A report's or diff's output JSON, indented from its stored compact JSON, is byte for byte
what pydantic's indenting serializer writes (`model_dump_json(indent=2)` and a newline), and
the stored JSON is `model_dump_json()`: on real chapters and their comparisons, and on
generated values of every JSON shape, string and number."""

import math
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, JsonValue

from crtdiff.pipeline.output_json import output_json
from crtdiff.reference.bundle import Reference
from crtdiff.schemas import CountryReport
from crtdiff.series.compare import compare_reports
from crtdiff.store.results import encode


def plain_output(model: BaseModel) -> bytes:
    """The definition: what the output file held before it was made from the stored JSON."""
    return (model.model_dump_json(indent=2) + "\n").encode("utf-8")


def _models(
    reference: Reference,
    seed_report: CountryReport,
    mali_2015: CountryReport,
    mali_2017: CountryReport,
    hrr_reports: dict[int, CountryReport],
) -> list[BaseModel]:
    reports = [mali_2015, seed_report, mali_2017, *hrr_reports.values()]
    hrr = [hrr_reports[y] for y in sorted(hrr_reports)]
    pairs = [(mali_2015, seed_report), (seed_report, mali_2017), *pairwise(hrr)]
    diffs = [compare_reports(old, new, reference.gazetteer) for old, new in pairs]
    return [*reports, *diffs]


def test_real_reports_and_diffs_are_written_as_the_plain_definition(
    reference: Reference,
    seed_report: CountryReport,
    mali_2015: CountryReport,
    mali_2017: CountryReport,
    hrr_reports: dict[int, CountryReport],
) -> None:
    models = _models(reference, seed_report, mali_2015, mali_2017, hrr_reports)
    assert len(models) == 10  # 6 reports, 4 diffs
    for model in models:
        assert encode(model) == model.model_dump_json().encode("utf-8")
        expected = plain_output(model)
        assert output_json(model, encode(model)) == expected
        assert output_json(model) == expected


class Holder(BaseModel):
    """Any JSON value, as a report's or diff's fields hold them."""

    value: JsonValue
    score: float
    names: list[str]


_TEXT = st.text(st.characters(exclude_categories=["Cs"]))  # pydantic refuses lone surrogates
_FLOATS = st.floats(allow_nan=False, allow_infinity=False)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | _FLOATS | _TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(value=_JSON, score=_FLOATS, names=st.lists(_TEXT, max_size=3))
def test_generated_values_are_written_as_the_plain_definition(
    value: JsonValue, score: float, names: list[str]
) -> None:
    holder = Holder(value=value, score=score, names=names)
    assert output_json(holder, encode(holder)) == plain_output(holder)


@pytest.mark.parametrize("score", [0.0, -0.0, 1e-7, 1e22, 5e-324, math.pi, 1 / 3])
def test_floats_keep_pydantics_spelling(score: float) -> None:
    holder = Holder(value={"empty": [], "nested": [{}, [[]]], "text": "é\n\"\x01\u2028</"},
                    score=score, names=[])  # fmt: skip
    assert output_json(holder) == plain_output(holder)
