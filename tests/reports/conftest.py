"""A site built from the three Mali chapters, served on localhost, and a headless Chromium."""

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crtdiff.paths import DATA_DIR
from crtdiff.reference.bundle import Reference
from crtdiff.schemas import CountryReport
from crtdiff.schemas.diff import YearDiff
from crtdiff.series.compare import compare_reports
from tests.conftest import SEED, SEED_PUBLISHED, SEED_URL
from tests.plain_site import Chapter, build_site
from tests.reports.run_site import run_crtdiff

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def mali_diffs(
    mali_2015: CountryReport,
    seed_report: CountryReport,
    mali_2017: CountryReport,
    reference: Reference,
) -> list[YearDiff]:
    return [
        compare_reports(mali_2015, seed_report, reference.gazetteer),
        compare_reports(seed_report, mali_2017, reference.gazetteer),
    ]


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site the run writes for the three Mali chapters (2015 and 2017 illustrative, the real
    2016 with its official URL and date), without Prefect."""
    samples = DATA_DIR / "samples" / "mali"
    chapters = [
        Chapter("Mali", 2015, samples / "2015.txt", illustrative=True),
        Chapter("Mali", 2016, SEED, url=SEED_URL, published=SEED_PUBLISHED),
        Chapter("Mali", 2017, samples / "2017.txt", illustrative=True),
    ]
    out, run = build_site(tmp_path_factory.mktemp("site"), chapters)
    assert run.exit_code == 0, run.entries
    return out


@pytest.fixture(scope="session")
def run_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output folder `crtdiff run` writes for the small catalogue of tests/reports/run_site."""
    out, done = run_crtdiff(tmp_path_factory.mktemp("run-site"))
    assert done.returncode == 1, done.stderr  # one entry rejected (an empty file), on purpose
    assert (out / "index.html").is_file(), done.stderr
    return out


@pytest.fixture(scope="session")
def run_url(run_site: Path) -> Iterator[str]:
    """The `crtdiff run` site on a local static server."""
    yield from _serve(run_site)


@pytest.fixture
def artefacts(tmp_path: Path) -> Path:
    """Where a browser test puts screenshots and downloads (never the user's output/)."""
    return tmp_path


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    yield from _serve(site_dir)


def _serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (no browser download)."""
    if shutil.which("chromium") is None and not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make test` installs it (scripts/install-chromium.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
