"""The per-class scorer: each class counts what issue 10 asks, on reports built in the test."""

from datetime import UTC, datetime
from typing import Any

import pytest

from crtdiff.evaluation import Gold, headline_counts, is_contiguous_span, score_report
from crtdiff.evaluation.counts import Counts
from crtdiff.evaluation.matching import value_counts
from crtdiff.schemas import CountryReport

SENTENCE = (
    "Implementation of Mali’s penal code of 2013, intended to help to counter terrorism and "
    "transnational organized crime, continued during 2017."
)


@pytest.mark.parametrize(
    ("summary", "faithful"),
    [
        (SENTENCE, True),
        ("Mali’s penal code of 2013, intended to help to counter terrorism", True),
        ("Penal code implemented (2013): Mali’s penal code of 2013", True),
        ("penal code of 2013", True),
        ("s penal code of, intended to help", False),  # starts inside "Mali’s", words dropped
        ("s penal code of 2013", False),  # starts inside "Mali’s"
        ("Mali’s penal code of 2013, intended to help to counter terror", False),  # ends mid-word
        ("Implementation of Mali’s penal code, intended to help", False),  # "of 2013" dropped
        ("", False),
    ],
)
def test_summary_must_be_a_contiguous_span(summary: str, faithful: bool) -> None:
    assert is_contiguous_span(summary, SENTENCE) is faithful


def test_not_given_is_not_zero() -> None:
    assert value_counts(None, None, True) == Counts()
    assert value_counts(0, None, False) == Counts(fp=1)  # a 0 where the text gives no figure
    assert value_counts(None, 8, False) == Counts(fn=1)
    assert value_counts(4, 8, False) == Counts(
        fp=1, fn=1
    )  # "four U.S. and four Nigerien" read as 4
    assert value_counts(8, 8, True) == Counts(tp=1)


def test_headline_must_and_must_not() -> None:
    lines = ["No longer named: al-Murabitoun.", "1 new legal measure(s): law."]
    counts, problems = headline_counts(
        lines, ["al-Murabitoun", r"\b9 incidents\b"], [r"no longer named[^\n]*Murabitoun", r"\(s\)"]
    )
    assert counts == Counts(tp=1, fp=2, fn=1)
    assert len(problems) == 3


BODY = (
    "Overview: Mali is a partner. On June 29, a suicide bomber attacked the headquarters in "
    "Sevare, killing two soldiers and one civilian.\n\n"
    "2018 Terrorist Incidents: Through December, IEDs had killed more than 30 Malian soldiers. "
    "On January 27, JNIM fighters attacked a camp in Soumpi, killing 14 soldiers.\n\n"
    "Disclaimer:"
)


def _evidence(sentence: str, section: str) -> dict[str, Any]:
    start = BODY.index(sentence)
    return {"section": section, "sentence": sentence, "start": start, "end": start + len(sentence)}


def _incident(date: str, place: str, sentence: str, section: str, **tolls: Any) -> dict[str, Any]:
    return {
        "id": f"{date}-{place}",
        "date": date,
        "date_precision": "day",
        "date_text": date,
        "place": place,
        "country": "Mali",
        "kind": "armed_assault",
        "target": "military",
        "perpetrators": [],
        "attribution": "unknown",
        **tolls,
        "evidence": _evidence(sentence, section),
    }


SEVARE = "On June 29, a suicide bomber attacked the headquarters in Sevare, killing two soldiers and one civilian."
TOTAL = "Through December, IEDs had killed more than 30 Malian soldiers."
SOUMPI = "On January 27, JNIM fighters attacked a camp in Soumpi, killing 14 soldiers."


def _report(incidents: list[dict[str, Any]], groups: list[dict[str, Any]]) -> CountryReport:
    return CountryReport.model_validate(
        {
            "country": "Mali",
            "year": 2018,
            "title": "Mali",
            "source": {
                "uri": "test.txt",
                "format": "text",
                "sha256": "0" * 64,
                "size_bytes": len(BODY),
                "retrieved_at": datetime(2026, 1, 1, tzinfo=UTC),
                "host": "plain",
            },
            "body": BODY,
            "sections": [],
            "groups": groups,
            "incidents": incidents,
        }
    )


def _gold(incidents: list[dict[str, Any]]) -> Gold:
    return {
        "country": "Mali",
        "year": 2018,
        "groups": [],
        "organisations": [],
        "incidents": incidents,
        "referenced_incidents": [],
        "aggregate_tolls": [],
        "legal_measures": [],
        "not_incidents": [{"evidence_starts": "Through December, IEDs", "why": "aggregate"}],
        "not_groups": ["FAMa"],
        "furniture_absent": ["Disclaimer:"],
    }


def _gold_incident(date: str, place: str, starts: str, section: str, killed: int) -> dict[str, Any]:
    return {
        "date": date,
        "date_end": None,
        "date_precision": "day",
        "place": place,
        "region": None,
        "country": "Mali",
        "kind": "armed_assault",
        "target": "military",
        "perpetrators": [],
        "attribution": "unknown",
        "killed_min": killed,
        "wounded_min": None,
        "kidnapped_min": None,
        "toll_flags": [],
        "section": section,
        "evidence_starts": starts,
    }


def test_classes_count_traps_tolls_state_forces_and_furniture() -> None:
    fama = {
        "id": "fama",
        "name": "Malian Armed Forces",
        "acronym": "FAMa",
        "from_gazetteer": False,
        "mentions": [],
    }
    predicted = [
        _incident("2018-06-29", "Sevare", SEVARE, "overview", killed_min=2),
        _incident("2018-12", "Mali", TOTAL, "incidents", killed_min=30),
        _incident("2018-01-27", "Soumpi", SOUMPI, "incidents", killed_min=14, wounded_min=0),
    ]
    gold = _gold(
        [
            _gold_incident("2018-06-29", "Sevare", "On June 29, a suicide", "overview", 3),
            _gold_incident("2018-01-27", "Soumpi", "On January 27, JNIM", "incidents", 14),
        ]
    )
    score = score_report(_report(predicted, [fama]), gold)
    assert score.classes["incidents"] == Counts(tp=2, fp=1, fn=0)
    # the period total became an incident (fp); the attack told in the overview was found (tp)
    assert score.classes["attacks"] == Counts(tp=1, fp=1, fn=0)
    # Sevare 2 instead of 3 (fp+fn), Soumpi 14 right, wounded 0 where none is given (fp)
    assert score.classes["tolls"] == Counts(tp=1, fp=2, fn=1)
    assert score.classes["state_forces"] == Counts(fp=1)
    assert score.classes["furniture"] == Counts(fp=1)
    assert score.fields["incident.section"] == Counts(tp=2)
    assert any("not an incident (aggregate)" in m for m in score.misses)
