"""Fetching against a local server that misbehaves the way real hosts do."""

from collections.abc import Iterator

import pytest

from crtdiff.errors import FetchError
from crtdiff.fetch.http import FetchPolicy, fetch_url, with_retries
from tests.fakeserver import Site, serve

pytestmark = pytest.mark.integration  # subprocesses and local servers: not `make unit`


@pytest.fixture
def site() -> Iterator[Site]:
    with serve(Site(pages={"/page": b"<p>Overview: Mali.</p>"}, etags={"/page": '"v1"'})) as s:
        yield s


def test_plain_fetch_sends_a_user_agent(site: Site) -> None:
    fetched = fetch_url(site.url("/page"))
    assert fetched.data == b"<p>Overview: Mali.</p>"
    assert fetched.etag == '"v1"'
    assert site.user_agents[-1].startswith("crtdiff/")


def test_conditional_request_gets_not_modified(site: Site) -> None:
    fetched = fetch_url(site.url("/page"), etag='"v1"')
    assert fetched.not_modified and fetched.data == b""


def test_redirect_is_followed(site: Site) -> None:
    fetched = fetch_url(site.url("/moved"))
    assert fetched.final_url.endswith("/page")


@pytest.mark.parametrize(
    ("path", "message", "transient"),
    [
        ("/missing", "HTTP 404", False),
        ("/loop", "too many redirects", False),
        ("/truncated", "connection broke mid-transfer", True),
        ("/huge", "over the size limit", False),
    ],
)
def test_faults_become_clear_fetch_errors(
    site: Site, path: str, message: str, transient: bool
) -> None:
    with pytest.raises(FetchError, match=message) as info:
        fetch_url(site.url(path))
    assert info.value.transient is transient
    assert str(info.value).startswith(site.url(path))


def test_hanging_server_times_out(site: Site) -> None:
    with pytest.raises(FetchError, match="timed out") as info:
        fetch_url(site.url("/hang"), policy=FetchPolicy(read_timeout_s=0.5))
    assert info.value.transient


def test_server_errors_are_retried_until_success(site: Site) -> None:
    site.fail_first["/page"] = 2
    fetched = with_retries(lambda: fetch_url(site.url("/page")), attempts=3, backoff_s=0.01)
    assert fetched.data.startswith(b"<p>")
    assert site.hits["/page"] == 3


def test_permanent_errors_are_not_retried(site: Site) -> None:
    with pytest.raises(FetchError, match="404"):
        with_retries(lambda: fetch_url(site.url("/missing")), attempts=3, backoff_s=0.01)
    assert site.hits["/missing"] == 1


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)"]
)
def test_only_http_urls(url: str) -> None:
    with pytest.raises(FetchError, match="only absolute http"):
        fetch_url(url)


def test_unreachable_host_is_not_transient() -> None:
    with pytest.raises(FetchError, match="cannot connect") as info:
        fetch_url("http://127.0.0.1:9/", policy=FetchPolicy(connect_timeout_s=1))
    assert not info.value.transient


def test_gzip_bomb_is_capped_while_decompressing(site: Site) -> None:
    import tracemalloc

    from tests.fakeserver import gzip_bomb

    gzip_bomb()  # built before measuring: the test server's own memory is not the client's
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="size limit once decompressed") as info:
            fetch_url(site.url("/gzip-bomb"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert not info.value.transient
    assert peak < 80 * 2**20, f"{peak / 2**20:.0f} MB held while refusing a 100 MB page"
    assert site.hits["/gzip-bomb"] == 1


def test_identity_is_asked_and_a_gzipped_answer_still_decoded(site: Site) -> None:
    fetched = fetch_url(site.url("/gzipped"))
    assert fetched.data == b"<p>Overview: Mali remained a partner.</p>"
    with pytest.raises(FetchError, match="unsupported Content-Encoding 'br'"):
        fetch_url(site.url("/brotli"))


def test_a_dribbling_server_meets_the_deadline(site: Site) -> None:
    import time

    started = time.monotonic()
    with pytest.raises(FetchError, match="took longer than 2 s"):
        fetch_url(site.url("/dribble"), policy=FetchPolicy(read_timeout_s=5, deadline_s=2))
    assert time.monotonic() - started < 10


def test_a_block_page_is_not_the_page(site: Site) -> None:
    with pytest.raises(FetchError, match="block page \\('Access Denied'\\)") as info:
        fetch_url(site.url("/blocked"))
    assert not info.value.transient  # retried within seconds, a firewall says the same


def test_a_redirect_to_a_file_url_is_refused_and_not_retried(site: Site) -> None:
    with pytest.raises(FetchError, match="not http") as info:
        with_retries(lambda: fetch_url(site.url("/to-file")), attempts=3, backoff_s=0.01)
    assert not info.value.transient
    assert site.hits["/to-file"] == 1
