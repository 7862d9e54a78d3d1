"""Where the State Department published a chapter, and when: read from the page itself.

Only what the page says is taken (canonical link, `og:url`, a browser's "saved from" note,
publication metadata, a dated header line); nothing is guessed from URL patterns.
"""

import json
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlparse

from selectolax.lexbor import LexborHTMLParser

from crtdiff.extract.dates import MONTHS

OFFICIAL_DOMAIN = "state.gov"

_MONTH = "|".join(m.capitalize() for m in MONTHS)
_LONG_DATE = re.compile(rf"^(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}}),\s+(?P<y>(?:19|20)\d\d)$")
_DAY_FIRST = re.compile(rf"^(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH})\s+(?P<y>(?:19|20)\d\d)$")
_ISO = re.compile(r"^(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?:[T ].*)?$")
_LABELLED = re.compile(
    r"^(?:publication date|published|date published|release date|released)\s*:?\s*(?P<date>.+)$",
    re.IGNORECASE,
)
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+)\s*-->", re.IGNORECASE)
_META_DATES = (
    "meta[property='article:published_time']",
    "meta[name='article:published_time']",
    "meta[name='citation_publication_date']",
    "meta[name='DC.date.issued']",
    "meta[name='dcterms.issued']",
    "meta[name='date']",
)
_HEADER_LINES = 40
"""Lines at the top of a page searched for a dated header (region pages: bureau, then date)."""


@dataclass(frozen=True)
class Provenance:
    """The official URL and publication date a page states, each None when it does not."""

    url: str | None = None
    published: str | None = None


def is_official(url: str | None) -> bool:
    """True for an http(s) URL on state.gov or one of its hosts (www, archives, translations)."""
    if not url:
        return False
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower()
    official_host = host == OFFICIAL_DOMAIN or host.endswith("." + OFFICIAL_DOMAIN)
    return parsed.scheme in ("http", "https") and official_host


def iso_date(text: str) -> str | None:
    """`2020-03-03T18:10:37+00:00`, `April 30, 2014` or `30 May 2013` → `YYYY-MM-DD`."""
    value = " ".join(text.split()).strip(" .")
    for pattern in (_ISO, _LONG_DATE, _DAY_FIRST):
        match = pattern.match(value)
        if match is None:
            continue
        month = match["m"]
        number = int(month) if month.isdigit() else MONTHS[month.lower()]
        try:
            return date(int(match["y"]), number, int(match["d"])).isoformat()
        except ValueError:
            return None
    return None


def _json_ld_published(tree: LexborHTMLParser) -> str | None:
    for node in tree.css("script[type='application/ld+json']"):
        try:
            data = json.loads(node.text() or "")
        except ValueError:
            continue
        items = data.get("@graph", [data]) if isinstance(data, dict) else data
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("datePublished"), str):
                found = iso_date(item["datePublished"])
                if found:
                    return found
    return None


def meta_provenance(tree: LexborHTMLParser, data: bytes) -> Provenance:
    """What a page's head says: canonical link, `og:url`, "saved from", publication metadata."""
    candidates = []
    for selector, attribute in (
        ("link[rel=canonical]", "href"),
        ("meta[property='og:url']", "content"),
    ):
        node = tree.css_first(selector)
        if node is not None and node.attributes.get(attribute):
            candidates.append((node.attributes[attribute] or "").strip())
    saved = _SAVED_FROM.search(data[:4096])
    if saved:
        candidates.append(saved.group(1).decode("ascii", "replace"))
    url = next((c for c in candidates if is_official(c)), None)
    published = _json_ld_published(tree)
    for selector in _META_DATES if published is None else ():
        node = tree.css_first(selector)
        value = node.attributes.get("content") if node is not None else None
        published = iso_date(value) if value else None
        if published:
            break
    if published is None and tree.body is not None:
        # Mirrors state the original's date in a sidebar that is furniture to the chapter.
        published = labelled_date((tree.body.text(separator="\n") or "").split("\n"))
    return Provenance(url, published)


def labelled_date(lines: list[str]) -> str | None:
    """The date of a "Publication Date: 30 May 2013" or "Published: ..." line."""
    for line in lines:
        labelled = _LABELLED.match(" ".join(line.split()))
        found = iso_date(labelled["date"]) if labelled else None
        if found:
            return found
    return None


def header_published(lines: list[str]) -> str | None:
    """A publication date stated at the top of the page: a labelled date ("Publication Date:
    30 May 2013") or a line that is only a date (the region pages' "April 30, 2014")."""
    for line in lines[:_HEADER_LINES]:
        text = " ".join(line.split())
        labelled = _LABELLED.match(text)
        found = iso_date(labelled["date"]) if labelled else iso_date(text)
        if found:
            return found
    return None


def stated_provenance(uri: str, page: Provenance, lines: list[str]) -> Provenance:
    """The page's official URL (its canonical link, else the URL it was read from when that is
    official) and publication date (metadata, else a dated header line)."""
    url = page.url or (uri if is_official(uri) else None)
    return Provenance(url, page.published or header_published(lines))
