"""PDF flip-book sites: a whole-year volume shown page by page, with its text beside it."""

import re

from crtdiff.ingest.hosts.profile import HostProfile

FLIPBOOK = HostProfile(
    name="pdf-flipbook",
    url_hosts=("fliphtml5.com", "anyflip.com", "pubhtml5.com", "yumpu.com", "flipsnack.com"),
    markers=(
        re.compile(r"read the text version"),
        re.compile(r"turn your pdf publications into a flip-book"),
        re.compile(r"^\s*page \d{1,4} of \d{1,4}\s*$", re.M),
    ),
    content_selectors=(".text-version", "#text-version", ".book-text", "main", "article"),
    remove_selectors=(".toolbar", ".flipbook-toolbar", ".thumbnails", ".more-documents"),
)
