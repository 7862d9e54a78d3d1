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

    def matches_content(self, lowered: str) -> bool:
        """True when a marker of this host occurs in the lower-cased page source or text (a
        marker whose leading literal the page lacks cannot: `in` tells that faster than `re`
        fails the marker)."""
        return any(
            (not (literal := _literal(m)) or literal in lowered) and _found(m, lowered)
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


def _found(marker: re.Pattern[str], lowered: str) -> bool:
    after_newline = _after_newline(marker)
    if after_newline is None:
        return marker.search(lowered) is not None
    # A line starts at the start of the page or after a newline.
    return marker.match(lowered) is not None or after_newline.search(lowered) is not None


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
    # A page no longer than its two ends is read once: its start and end joined would read
    # all of it twice, and find a marker across the seam (the page's last words, then its first).
    if len(raw_text) <= 2 * _ENDS_READ:
        head_and_tail = raw_text.lower()
    else:
        head_and_tail = (raw_text[:_ENDS_READ] + raw_text[-_ENDS_READ:]).lower()
    for host in hosts:
        if host.matches_content(head_and_tail):
            return host
    return hosts[-1]
