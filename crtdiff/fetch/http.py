"""One polite, bounded HTTP GET of a chapter page."""

import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlparse

import httpx

from crtdiff import __version__
from crtdiff.errors import FetchError
from crtdiff.fetch.blocked import block_page
from crtdiff.limits import MAX_BYTES

USER_AGENT = f"crtdiff/{__version__} (research tool comparing Country Reports on Terrorism)"


@dataclass(frozen=True)
class FetchPolicy:
    """Limits of one fetch."""

    connect_timeout_s: float = 10.0
    read_timeout_s: float = 30.0
    deadline_s: float = 120.0
    """Longest a whole fetch may take: a server sending a byte every few seconds never trips
    the read timeout, and would otherwise hold a run for good."""
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


class _Decoder:
    """Undo a Content-Encoding chain (gzip, deflate) chunk by chunk, never producing more than
    `limit` bytes at any stage: a 3 KB `gzip, gzip` answer may otherwise expand to gigabytes
    in one call, before any size cap could count it."""

    def __init__(self, header: str, url: str, limit: int) -> None:
        codings = [c.strip().lower() for c in header.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        for coding in codings:
            if coding not in ("gzip", "x-gzip", "deflate"):
                raise FetchError(url, f"unsupported Content-Encoding {coding!r}")
        # 32 + MAX_WBITS: zlib detects a gzip or a zlib header by itself.
        self.stages = [zlib.decompressobj(32 + zlib.MAX_WBITS) for _ in codings]
        self.produced = [0] * len(self.stages)
        self.url, self.limit = url, limit

    def _stage(self, index: int, data: bytes) -> bytes:
        stage, out = self.stages[index], []
        while data:
            try:
                piece = stage.decompress(data, self.limit + 1 - self.produced[index])
            except zlib.error as exc:
                raise FetchError(self.url, f"cannot decompress the page ({exc})") from exc
            self.produced[index] += len(piece)
            if self.produced[index] > self.limit:
                raise FetchError(
                    self.url,
                    f"page exceeds the {self.limit // 2**20} MB size limit once decompressed",
                )
            out.append(piece)
            data = stage.unconsumed_tail
        return b"".join(out)

    def feed(self, data: bytes) -> bytes:
        """Decoded bytes for a raw chunk."""
        for index in range(len(self.stages)):
            data = self._stage(index, data)
        return data


def _read_capped(response: httpx.Response, url: str, policy: FetchPolicy, started: float) -> bytes:
    limit = policy.max_bytes
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise FetchError(url, f"page is {int(declared) / 1e6:.0f} MB, over the size limit")
    decoder = _Decoder(response.headers.get("content-encoding", ""), url, limit)
    chunks: list[bytes] = []
    total = 0
    for raw in response.iter_raw():
        if time.monotonic() - started > policy.deadline_s:
            raise FetchError(url, f"took longer than {policy.deadline_s:.0f} s; gave up")
        chunk = decoder.feed(raw)
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
    headers = {
        "User-Agent": policy.user_agent,
        "Accept": "text/html,text/plain;q=0.9,*/*;q=0.5",
        "Accept-Encoding": "identity",  # decoded here, within the size cap, if sent anyway
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    timeout = httpx.Timeout(policy.read_timeout_s, connect=policy.connect_timeout_s)
    started = time.monotonic()
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
            data = _read_capped(response, url, policy, started)
            blocked = block_page(data)
            if blocked is not None:  # not retried: the snapshot kept from before serves
                raise FetchError(url, f"the server answered with a block page ({blocked!r})")
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
    except httpx.UnsupportedProtocol as exc:
        raise FetchError(url, f"redirected to a URL that is not http(s) ({exc})") from exc
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
