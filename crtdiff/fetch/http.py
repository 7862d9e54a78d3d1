"""One polite, bounded HTTP GET of a chapter page."""

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlparse

import httpx

from crtdiff import __version__
from crtdiff.errors import FetchError
from crtdiff.ingest.formats import MAX_BYTES

USER_AGENT = f"crtdiff/{__version__} (research tool comparing Country Reports on Terrorism)"


@dataclass(frozen=True)
class FetchPolicy:
    """Limits of one fetch."""

    connect_timeout_s: float = 10.0
    read_timeout_s: float = 30.0
    max_bytes: int = MAX_BYTES
    max_redirects: int = 5
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Fetched:
    """A response: the body (empty when not modified) and its validators."""

    url: str
    final_url: str
    data: bytes
    not_modified: bool
    retrieved_at: datetime
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None


def check_url(url: str) -> None:
    """Refuse anything but absolute http(s) URLs (no file://, ftp://, javascript:)."""
    parsed = urlparse(url)
    if parsed.scheme.lower() not in ("http", "https") or not parsed.netloc:
        raise FetchError(url, "only absolute http(s) URLs can be fetched")


def _read_capped(response: httpx.Response, url: str, limit: int) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise FetchError(url, f"page is {int(declared) / 1e6:.0f} MB, over the size limit")
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > limit:
            raise FetchError(url, f"page exceeds the {limit // 2**20} MB size limit")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch_url(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    policy: FetchPolicy | None = None,
) -> Fetched:
    """GET a URL once; conditional when validators are given. Raises FetchError."""
    check_url(url)
    policy = policy or FetchPolicy()
    headers = {"User-Agent": policy.user_agent, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    timeout = httpx.Timeout(policy.read_timeout_s, connect=policy.connect_timeout_s)
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=policy.max_redirects,
                timeout=timeout,
                headers=headers,
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code == 304:
                return Fetched(
                    url, str(response.url), b"", True, datetime.now(UTC), etag, last_modified
                )
            if response.status_code >= 400:
                transient = response.status_code >= 500 or response.status_code == 429
                raise FetchError(
                    url,
                    f"HTTP {response.status_code}",
                    transient=transient,
                    status=response.status_code,
                )
            data = _read_capped(response, url, policy.max_bytes)
            return Fetched(
                url=url,
                final_url=str(response.url),
                data=data,
                not_modified=False,
                retrieved_at=datetime.now(UTC),
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
                content_type=response.headers.get("content-type"),
            )
    except httpx.TooManyRedirects as exc:
        raise FetchError(url, f"too many redirects (more than {policy.max_redirects})") from exc
    except httpx.TimeoutException as exc:
        raise FetchError(url, "timed out", transient=True) from exc
    except httpx.ConnectError as exc:
        raise FetchError(url, f"cannot connect ({exc}); offline?") from exc
    except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
        raise FetchError(url, f"connection broke mid-transfer ({exc})", transient=True) from exc
    except httpx.HTTPError as exc:
        raise FetchError(url, f"HTTP error ({exc})", transient=True) from exc


def with_retries(
    fetch: Callable[[], Fetched], attempts: int = 3, backoff_s: float = 1.0
) -> Fetched:
    """Call `fetch`, retrying transient failures with exponential backoff."""
    for attempt in range(attempts):
        try:
            return fetch()
        except FetchError as exc:
            if not exc.transient or attempt == attempts - 1:
                raise
            time.sleep(backoff_s * 2**attempt)
    raise AssertionError("unreachable")
