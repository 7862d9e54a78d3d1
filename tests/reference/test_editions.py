"""The editions table is valid and every row is used: its report year is told by its
publication date and by its publication year."""

from datetime import date, timedelta
from pathlib import Path

import pytest

from crtdiff.errors import ConfigError
from crtdiff.reference.editions import load_editions

EDITIONS = load_editions()


@pytest.mark.parametrize(("report", "published"), EDITIONS.published, ids=lambda v: str(v))
def test_each_edition_is_told_by_its_date_and_its_year(report: int, published: date) -> None:
    assert EDITIONS.newest_on(published) == report
    assert EDITIONS.newest_on(published + timedelta(days=20)) == report
    assert report in EDITIONS.published_in(published.year)


def test_what_cannot_be_told_is_not_told() -> None:
    assert EDITIONS.published_in(2023) == {2021, 2022}
    assert EDITIONS.published_in(2022) == frozenset()
    assert EDITIONS.newest_on(date(2004, 1, 1)) is None
    last_date = EDITIONS.published[-1][1]
    assert EDITIONS.newest_on(last_date + timedelta(days=900)) is None


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("year,published\n2016,2017-07-19\n", "columns must be"),
        ("report_year,published,note\n2016,July 2017,\n", "an ISO date"),
        ("report_year,published,note\n2016,2016-12-01,\n", "cannot be published in 2016"),
        ("report_year,published,note\n2016,2017-07-19,\n2018,2019-11-01,\n", "must follow"),
    ],
)
def test_bad_tables_are_config_errors(content: str, problem: str, tmp_path: Path) -> None:
    path = tmp_path / "crt_editions.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=problem):
        load_editions(path)
