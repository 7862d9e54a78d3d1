"""The Mali chapters of three years: 2015 and 2017 written for the tests, 2016 real."""

import pytest

from crtdiff.paths import DATA_DIR
from schemas import CountryReport
from tests.conftest import ParseFn


@pytest.fixture(scope="session")
def mali_2015(parse: ParseFn) -> CountryReport:
    return parse(
        DATA_DIR / "samples" / "mali" / "2015.txt", "data/samples/mali/2015.txt", illustrative=True
    )


@pytest.fixture(scope="session")
def mali_2017(parse: ParseFn) -> CountryReport:
    return parse(
        DATA_DIR / "samples" / "mali" / "2017.txt", "data/samples/mali/2017.txt", illustrative=True
    )
