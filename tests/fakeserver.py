"""A local HTTP server standing in for state.gov, with the faults a yearly fetch meets."""

import gzip
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Site:
    """Pages by path, and what the server saw."""

    pages: dict[str, bytes] = field(default_factory=dict)
    etags: dict[str, str] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    fail_first: dict[str, int] = field(default_factory=dict)
    """Path → number of 500 answers before the page is served."""
    user_agents: list[str] = field(default_factory=list)
    base_url: str = ""

    def url(self, path: str) -> str:
        """Absolute URL of a path on this server."""
        return self.base_url + path


Reply = tuple[int, bytes, dict[str, str]]

BLOCK_PAGE = (
    b"<HTML><HEAD>\n<TITLE>Access Denied</TITLE>\n</HEAD><BODY>\n<H1>Access Denied</H1>\n"
    b'You don\'t have permission to access "http://www.state.gov/" on this server.<P>\n'
    b"Reference&#32;&#35;18&#46;5e1c1002&#46;1700000000&#46;1a2b3c4d\n</BODY>\n</HTML>\n"
)
"""What a content-delivery network answers, with status 200, when it blocks a client."""


def _slow() -> Reply:
    time.sleep(3)
    return 200, b"late", {}


@cache
def gzip_bomb() -> bytes:
    """100 MB of zeros compressed twice: a few hundred bytes on the wire."""
    return gzip.compress(gzip.compress(b"\0" * (100 * 2**20), 9), 9)


def _gzipped_page() -> Reply:
    body = gzip.compress(b"<p>Overview: Mali remained a partner.</p>")
    return 200, body, {"Content-Encoding": "gzip", "Content-Type": "text/html"}


# Fixed misbehaviours, by path.
FAULTS: dict[str, Callable[[], Reply]] = {
    "/hang": _slow,
    "/loop": lambda: (302, b"", {"Location": "/loop"}),
    "/moved": lambda: (301, b"", {"Location": "/page"}),
    "/truncated": lambda: (200, b"<p>Overview: cut", {"Content-Length": "5000"}),
    "/huge": lambda: (200, b"x" * 10, {"Content-Length": str(100 * 2**20)}),
    "/gzip-bomb": lambda: (200, gzip_bomb(), {"Content-Encoding": "gzip, gzip"}),
    "/gzipped": _gzipped_page,
    "/brotli": lambda: (200, b"\x1b\x00", {"Content-Encoding": "br"}),
    "/blocked": lambda: (200, BLOCK_PAGE, {"Content-Type": "text/html"}),
    "/to-file": lambda: (302, b"", {"Location": "file:///etc/passwd"}),
    "/always-304": lambda: (304, b"", {}),
}
DRIBBLE = "/dribble"
"""Headers at once, then the body one byte every DRIBBLE_PAUSE_S: never trips a read timeout."""
DRIBBLE_PAUSE_S = 0.5


def _page(site: Site, path: str, if_none_match: str | None) -> Reply:
    if path not in site.pages:
        return 404, b"not found", {}
    etag = site.etags.get(path)
    if etag and if_none_match == etag:
        return 304, b"", {"ETag": etag}
    headers = {"Content-Type": "text/html; charset=utf-8"}
    if etag:
        headers["ETag"] = etag
    return 200, site.pages[path], headers


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            """Keep the test output quiet."""

        def do_GET(self) -> None:
            path = self.path
            site.hits[path] += 1
            site.user_agents.append(self.headers.get("User-Agent", ""))
            reply: Reply
            if site.fail_first.get(path, 0) >= site.hits[path]:
                reply = 500, b"busy", {}
            elif path in FAULTS:
                reply = FAULTS[path]()
            else:
                reply = _page(site, path, self.headers.get("If-None-Match"))
            if path == DRIBBLE:
                self._dribble()
                return
            status, body, headers = reply
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if "Content-Length" not in headers:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _dribble(self) -> None:
            body = b"<p>Overview: " + b"x" * 200 + b"</p>"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                for byte in body:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(DRIBBLE_PAUSE_S)
            except OSError:
                pass  # the client gave up, as it should

    return Handler


@contextmanager
def serve(site: Site) -> Iterator[Site]:
    """Serve `site` on a free 127.0.0.1 port for the duration of the block."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    site.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
