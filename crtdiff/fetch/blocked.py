"""Block pages: a 200 answer that is a firewall's refusal ("Access Denied"), not the page."""

import re

_PHRASES = (
    r"access denied|request (?:blocked|rejected)|403 forbidden|"
    r"attention required|just a moment\.\.\.|are you a robot|captcha|"
    r"you don't have permission to access|unusual traffic|web application firewall"
)
_TITLED = re.compile(
    rb"<(title|h1)[^>]*>\s*[^<]{0,80}?(" + _PHRASES.encode() + rb")", re.IGNORECASE
)
_ANYWHERE = re.compile(_PHRASES.encode(), re.IGNORECASE)
_SMALL = 4096
"""A block page's whole text is a few lines; a chapter saying "access denied" is long."""


def block_page(data: bytes) -> str | None:
    """What the page says when it is a block page (e.g. "Access Denied"), else None.

    Only the title and first heading count, or the whole text of a very short answer: a
    chapter may well report that humanitarian access was denied."""
    head = data[:65536]
    match = _TITLED.search(head)
    if match is None and len(data) <= _SMALL:
        match = _ANYWHERE.search(head)
        return match.group(0).decode("utf-8", errors="replace").strip() if match else None
    return match.group(2).decode("utf-8", errors="replace").strip() if match else None
