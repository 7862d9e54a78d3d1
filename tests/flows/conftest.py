"""One Prefect test harness per test session (it takes 10-20 s to start), and one real
`prefect server start` for the tests that need a server of their own."""

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from crtdiff.flows.settings import configure_prefect

configure_prefect(Path(tempfile.mkdtemp(prefix="crtdiff-prefect-test-")))

from prefect.testing.utilities import prefect_test_harness  # noqa: E402

from tests.prefect_server import running_prefect_server  # noqa: E402


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    """A temporary Prefect API server for the flows under test."""
    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture(scope="session")
def real_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A `prefect server start` on 127.0.0.1; its API URL (tests using it share one worker:
    mark them `xdist_group("server")`)."""
    with running_prefect_server(tmp_path_factory.mktemp("prefect-server")) as api:
        yield api
