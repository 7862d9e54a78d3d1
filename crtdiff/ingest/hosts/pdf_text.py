"""Text extracted from the whole-year PDF: running headers, page numbers, stray markup."""

import re

from crtdiff.ingest.hosts.profile import HostProfile

PDF_TEXT = HostProfile(
    name="pdf-text",
    markers=(re.compile(r"^\s*\d{1,3}\s*$\n.*\n^\s*country reports on terrorism \d{4}\s*$", re.M),),
)
