import pytest

from crtdiff.extract.dates import find_dates, invalid_dates


@pytest.mark.parametrize(
    ("text", "date", "end", "precision", "explicit"),
    [
        ("On January 7, a Swiss citizen", "2016-01-07", None, "day", None),
        ("During June 18-19, attacks", "2016-06-18", "2016-06-19", "day", None),
        ("In four attacks from May 16 to 25, AS", "2016-05-16", "2016-05-25", "day", None),
        ("On June 3 and 6, bombs", "2016-06-03", "2016-06-06", "day", None),
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
