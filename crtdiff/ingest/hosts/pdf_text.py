"""Text extracted from the whole-year PDF: running headers, page numbers, stray markup."""

import re

from crtdiff.ingest.hosts.profile import HostProfile, lines

PDF_TEXT = HostProfile(
    name="pdf-text",
    markers=(re.compile(r"^\s*\d{1,3}\s*$\n.*\n^\s*country reports on terrorism \d{4}\s*$", re.M),),
    anywhere_lines=lines(
        r"\d{1,3}",  # a page number alone on its line
        r"Country Reports on Terrorism \d{4}",  # the running header
        r"Chapter \d\.? Country Reports.*",
    ),
)
