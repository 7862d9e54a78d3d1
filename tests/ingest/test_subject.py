"""What a text is about: its places, people and above all its government; only when clear."""

import pytest

from crtdiff.ingest.subject import judge_subject
from crtdiff.reference.bundle import Reference
from tests.conftest import FIXTURES, SEED


@pytest.mark.parametrize(
    ("path", "country"),
    [
        (SEED, "Mali"),
        (FIXTURES / "chapters" / "kenya-2005.txt", "Kenya"),
        (FIXTURES / "chapters" / "niger-2012.txt", "Niger"),
        (FIXTURES / "chapters" / "somalia-2013.txt", "Somalia"),
        (FIXTURES / "pages" / "pdf-extract-2016-chad.txt", "Chad"),
        # A region page names several countries alike: no judgement.
        (FIXTURES / "pages" / "region-africa-2013.html", None),
    ],
)
def test_chapters_are_about_their_country(
    path: object, country: str | None, reference: Reference
) -> None:
    text = path.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert judge_subject(text, reference.country_terms).country == country


def test_the_acting_government_counts_more_than_a_mention(reference: Reference) -> None:
    text = "The Government of Niger arrested suspects. " * 3 + "Mali and Malian troops. " * 2
    subject = judge_subject(text, reference.country_terms)
    assert (subject.scores["Niger"], subject.scores["Mali"], subject.country) == (9, 4, None)
    # 9 against 4 is not three times as much; 15 against 4 is.
    more = text + "The Government of Niger arrested suspects. " * 2
    assert judge_subject(more, reference.country_terms).country == "Niger"


def test_phrases_that_only_hold_a_name_and_the_partner_do_not_count(
    reference: Reference,
) -> None:
    text = "Lake Chad Basin. The Lake Chad region. The United States and U.S. officials. " * 5
    assert judge_subject(text, reference.country_terms).scores == {}
