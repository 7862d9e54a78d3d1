"""What a host profile says about a page: how to recognise it and where its chapter sits.

Its furniture lines (banners, labels, page numbers) are data: data/reference/furniture.csv.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlparse


@dataclass(frozen=True)
class HostProfile:
    """A publisher's page template: recognition marks, chapter container, furniture lines."""

    name: str
    url_hosts: tuple[str, ...] = ()
    """Hostnames (or their suffixes) of URLs on this host."""
    markers: tuple[re.Pattern[str], ...] = ()
    """Patterns that identify a saved page or text copy from this host without its URL, written
    in lower case: they are searched in the lower-cased page (a case-sensitive search runs
    several times faster than an IGNORECASE one)."""
    content_selectors: tuple[str, ...] = ()
    """CSS selectors of the chapter container, tried in order."""
    remove_selectors: tuple[str, ...] = ()
    """CSS selectors of furniture elements inside or around the container."""

    def matches_url(self, uri: str) -> bool:
        """True when the URI's host is one of this profile's hosts."""
        host = (urlparse(uri).hostname or "").lower()
        return any(host == h or host.endswith("." + h) for h in self.url_hosts)

    def matches_content(self, lowered: str, start: int = 0) -> bool:
        """True when a marker of this host starts at or after `start` in the lower-cased page
        source or text (`lowered[:start]` is context only: what stands before the window, for
        `^` and `\\b`). A marker whose leading literal the text lacks cannot occur: `in` tells
        that faster than `re` fails the marker."""
        return any(
            (not (literal := _literal(m)) or literal in lowered) and _found(m, lowered, start)
            for m in self.markers
        )


@lru_cache(maxsize=64)
def _after_newline(marker: re.Pattern[str]) -> re.Pattern[str] | None:
    """A marker opening on a line start (multi-line mode) as one opening on the newline before
    the line: `re` skips ahead to a literal first character, where it tries `^` at every
    position of the page (a fifth of a chapter's ingest)."""
    if marker.flags & re.MULTILINE and marker.pattern.startswith("^"):
        return re.compile("\n" + marker.pattern[1:], marker.flags)
    return None


def _found(marker: re.Pattern[str], lowered: str, start: int) -> bool:
    after_newline = _after_newline(marker)
    if after_newline is None:
        # `re` reads the characters before `start` for `^`, `\b` and look-behinds.
        return marker.search(lowered, start) is not None
    # A line starts at the start of the text or after a newline (the one before `start` too).
    at_start = start == 0 and marker.match(lowered) is not None
    return at_start or after_newline.search(lowered, max(start - 1, 0)) is not None


def leading_literal(marker: re.Pattern[str]) -> str:
    """The text every match of a marker opens with ("" when none can be told, e.g. with `|`
    or a flag that changes how letters match)."""
    pattern = marker.pattern
    if marker.flags & (re.IGNORECASE | re.VERBOSE) or "|" in pattern:
        return ""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char, step = pattern[i], 1
        if char == "\\":
            if i + 1 == len(pattern) or pattern[i + 1].isalnum():
                break  # a class or an assertion (\s, \d, \b): no literal
            char, step = pattern[i + 1], 2
        elif char in ".^$*+?{}[]()":
            break
        if pattern[i + step : i + step + 1] in ("*", "?", "{"):
            break  # the character may be absent
        out.append(char)
        i += step
    return "".join(out)


@lru_cache(maxsize=64)
def _literal(marker: re.Pattern[str]) -> str:
    """A marker's leading literal when long enough to be worth a look first, else ""."""
    literal = leading_literal(marker)
    return literal if len(literal) >= 3 else ""


_ENDS_READ = 20000
"""How much of a page's start and of its end is searched for markers (a template shows there)."""


def detect_host(uri: str, raw_text: str, hosts: Sequence[HostProfile]) -> HostProfile:
    """The profile for this page: by URL host first, then by content markers, else the last."""
    for host in hosts:
        if host.matches_url(uri):
            return host
    # A page no longer than its two ends is read once, whole. A longer one is read at each end
    # apart: joined, they would spell a marker across the seam (the page's last words, then its
    # first). The end is read with the character before it, so that a marker opening on a line
    # start (`^`) or a word boundary (`\b`) sees what stands there in the page.
    if len(raw_text) <= 2 * _ENDS_READ:
        windows = [(raw_text.lower(), 0)]
    else:
        before = raw_text[-_ENDS_READ - 1].lower()  # lower-casing may lengthen a character
        tail = before + raw_text[-_ENDS_READ:].lower()
        windows = [(raw_text[:_ENDS_READ].lower(), 0), (tail, len(before))]
    for host in hosts:
        if any(host.matches_content(text, start) for text, start in windows):
            return host
    return hosts[-1]
