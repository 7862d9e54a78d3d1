"""Metadata scoring: a page identified rightly, a wrong identification, a wrong request refused."""

from crtdiff.evaluation import Gold, score_metadata
from crtdiff.evaluation.counts import Counts
from crtdiff.reference.bundle import Reference
from tests.conftest import FIXTURES

PAGE = FIXTURES / "pages" / "state-gov-2019-niger.html"
URL = "https://2017-2021.state.gov/reports/country-reports-on-terrorism-2019/niger/"


def _gold(country: str, year: int) -> Gold:
    return {
        "source_uri": URL,
        "metadata": {"country": country, "year": year, "identifiable": True},
        "wrong_requests": [{"country": "Mali", "year": 2019}],
    }


def test_identified_page_and_refused_request(reference: Reference) -> None:
    score = score_metadata(PAGE.read_bytes(), _gold("Niger", 2019), reference)
    assert score.classes["metadata"] == Counts(tp=1)
    assert score.classes["wrong_requests"] == Counts(tp=1)


def test_a_wrong_identification_is_counted_and_named(reference: Reference) -> None:
    score = score_metadata(PAGE.read_bytes(), _gold("Niger", 2018), reference)
    assert score.classes["metadata"] == Counts(fp=1)
    assert any("WRONG" in m for m in score.misses)
