"""Shared fixtures: the project's own test files, the real pages in ../shared when present."""

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crtdiff.paths import DATA_DIR, DEFAULT_OUTPUT, PROJECT_ROOT
from crtdiff.reference.bundle import Reference, load_reference
from crtdiff.schemas import CountryReport
from crtdiff.series.chapter import RawSource, Request, parse_chapter

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = PROJECT_ROOT.parent / "shared"
SEED = DATA_DIR / "raw" / "mali" / "2016.txt"
HRR = FIXTURES / "hrr"
HRR_FILES = {2019: "hrr-2019-niger.html", 2020: "hrr-2020-niger.txt", 2024: "hrr-2024-niger.html"}
SEED_URL = "https://translations.state.gov/2017/07/26/country-reports-on-terrorism-2016-mali/"
"""The page the seed was copied from (docs/official-urls.md), as data/sources.toml says."""
SEED_PUBLISHED = "2017-07-26"

ParseFn = Callable[..., CountryReport]


def _output_state() -> dict[str, float]:
    return {p.as_posix(): p.stat().st_mtime for p in DEFAULT_OUTPUT.rglob("*") if p.is_file()}


@pytest.fixture(scope="session", autouse=True)
def users_output_untouched() -> Iterator[None]:
    """The test suite never writes into the user's output/ folder (screenshots, downloads and
    sites all go to temporary folders): a session that did fails here."""
    before = _output_state()
    yield
    after = _output_state()
    changed = sorted(
        name for name in set(before) | set(after) if before.get(name) != after.get(name)
    )
    if changed:
        pytest.fail(f"the tests wrote into {DEFAULT_OUTPUT}: {changed[:5]}")


@pytest.fixture(scope="session")
def reference() -> Reference:
    """The bundled reference tables."""
    return load_reference()


@pytest.fixture(scope="session")
def parse(reference: Reference) -> ParseFn:
    """Parse bytes or a file into a CountryReport with the bundled reference tables."""

    def _parse(
        source: bytes | Path,
        uri: str | None = None,
        *,
        country: str | None = None,
        year: int | None = None,
        illustrative: bool = False,
        url: str | None = None,
        published: str | None = None,
    ) -> CountryReport:
        if isinstance(source, Path):
            data, uri = source.read_bytes(), uri or str(source)
        else:
            data, uri = source, uri or "test-input.txt"
        retrieved = datetime(2026, 1, 1, tzinfo=UTC)
        raw = RawSource(data, uri, retrieved, illustrative, None, url, published)
        return parse_chapter(raw, Request(country, year), reference)

    return _parse


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder of real pages; tests using it skip on machines without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present on this machine")
    return SHARED


@pytest.fixture(scope="session")
def seed_report(parse: ParseFn) -> CountryReport:
    """The real Mali 2016 chapter, parsed."""
    return parse(SEED, "data/raw/mali/2016.txt", url=SEED_URL, published=SEED_PUBLISHED)


@pytest.fixture(scope="session")
def mali_2015(parse: ParseFn) -> CountryReport:
    """The illustrative Mali 2015 chapter written for the tests."""
    return parse(
        DATA_DIR / "samples" / "mali" / "2015.txt", "data/samples/mali/2015.txt", illustrative=True
    )


@pytest.fixture(scope="session")
def mali_2017(parse: ParseFn) -> CountryReport:
    """The illustrative Mali 2017 chapter written for the tests."""
    return parse(
        DATA_DIR / "samples" / "mali" / "2017.txt", "data/samples/mali/2017.txt", illustrative=True
    )


def parse_as(path: Path, reference: Reference, series: str | None = None) -> CountryReport:
    """Parse a fixture file as `series` (None: the series the page names)."""
    raw = RawSource(
        path.read_bytes(), f"tests/fixtures/hrr/{path.name}", datetime(2026, 1, 1, tzinfo=UTC)
    )
    return parse_chapter(raw, Request(series=series), reference)


@pytest.fixture(scope="session")
def hrr_reports(reference: Reference) -> dict[int, CountryReport]:
    """The three HRR fixture reports (Niger 2019, 2020, 2024) by year, series told by the page."""
    return {year: parse_as(HRR / name, reference) for year, name in HRR_FILES.items()}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files under tests/fixtures/golden/ from the current output",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite golden files."""
    return bool(request.config.getoption("--update-golden"))
