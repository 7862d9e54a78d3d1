"""One Prefect test server per test session (it takes 10-20 s to start)."""

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from flows.settings import configure_prefect

configure_prefect(Path(tempfile.mkdtemp(prefix="crtdiff-prefect-test-")))

from prefect.testing.utilities import prefect_test_harness  # noqa: E402


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    """A temporary Prefect API server for the flows under test."""
    with prefect_test_harness(server_startup_timeout=180):
        yield
