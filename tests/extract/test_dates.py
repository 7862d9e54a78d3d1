import pytest
from hypothesis import given
from hypothesis import strategies as st

from crtdiff.extract.dates import find_dates, has_dates, invalid_dates


@pytest.mark.parametrize(
    ("text", "date", "end", "precision", "explicit"),
    [
        ("On January 7, a Swiss citizen", "2016-01-07", None, "day", None),
        ("During June 18-19, attacks", "2016-06-18", "2016-06-19", "day", None),
        ("In four attacks from May 16 to 25, AS", "2016-05-16", "2016-05-25", "day", None),
        ("At the beginning of October, gunmen", "2016-10", None, "approximate", None),
        ("In mid-December, a convoy", "2016-12", None, "approximate", None),
        ("In late March 2015, x", "2015-03", None, "approximate", 2015),
        ("In June, Mali drafted", "2016-06", None, "month", None),
        ("the November 20, 2015, attack", "2015-11-20", None, "day", 2015),
        ("in January 2017, Malian", "2017-01", None, "month", 2017),
        ("On 7 January 2016 the", "2016-01-07", None, "day", 2016),
        ("Five UN peacekeepers were killed in a May 29 attack", "2016-05-29", None, "day", None),
    ],
)
def test_date_phrases_keep_their_precision(
    text: str, date: str, end: str | None, precision: str, explicit: int | None
) -> None:
    found = find_dates(text, 2016)
    assert len(found) == 1
    phrase = found[0]
    assert (phrase.date, phrase.date_end, phrase.precision.value, phrase.explicit_year) == (
        date,
        end,
        precision,
        explicit,
    )
    assert text[phrase.start : phrase.end] == phrase.text


def test_impossible_dates_are_not_dates() -> None:
    assert find_dates("On February 30, gunmen attacked", 2016) == []
    assert invalid_dates("On February 30, gunmen attacked", 2016) == ["February 30"]
    assert invalid_dates("On February 29, gunmen attacked", 2016) == []  # a leap year
    assert invalid_dates("On February 29, gunmen attacked", 2017) == ["February 29"]
    assert invalid_dates("On February 29, 2016, gunmen attacked", 2017) == []
    assert find_dates("On February 29, gunmen attacked", 2016)[0].date == "2016-02-29"
    assert find_dates("On February 29, gunmen attacked", 2015) == []


def test_may_the_verb_is_not_a_month() -> None:
    assert find_dates("Assets may remain frozen.", 2016) == []


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # A list of days is so many dates, not a range (issue #10).
        ("On July 8 and September 6, gunmen attacked", ["2016-07-08", "2016-09-06"]),
        ("On June 3 and 6, bombs exploded", ["2016-06-03", "2016-06-06"]),
        ("On March 2, 9, and 14, gunmen attacked", ["2016-03-02", "2016-03-09", "2016-03-14"]),
        ("including May 24, when two suicide bombers", ["2016-05-24"]),
        ("and a June 30 stabbing at a mosque", ["2016-06-30"]),
    ],
)
def test_lists_of_days_are_several_dates(text: str, dates: list[str]) -> None:
    found = find_dates(text, 2016)
    assert [d.date for d in found] == dates
    assert all(d.date_end is None and d.precision.value == "day" for d in found)
    assert all(text[d.start : d.end] == d.text for d in found)


@pytest.mark.parametrize(
    "text", ["From July 8 to September 6, a curfew held", "between July 8 and September 6"]
)
def test_a_range_stays_one_date_with_an_end(text: str) -> None:
    [phrase] = find_dates(text, 2016)
    assert (phrase.date, phrase.date_end) == ("2016-07-08", "2016-09-06")


_DATE_WORDS = [
    "On",
    "February",
    "june",
    "3",
    "30",
    "and",
    "6,",
    "2016",
    "1999,",
    "between",
    "-",
    "to",
]


@given(st.lists(st.sampled_from(_DATE_WORDS), max_size=7), st.sampled_from([2016, 2017]))
def test_has_dates_tells_whether_find_dates_finds_any(words: list[str], year: int) -> None:
    # The readers that ask has_dates first (references, clauses) skip what find_dates would.
    text = " ".join(words)
    assert has_dates(text, year) == bool(find_dates(text, year))
