"""refworld.org: UNHCR's mirror, with document metadata and a disclaimer around the body."""

import re

from crtdiff.ingest.hosts.profile import HostProfile, lines

REFWORLD = HostProfile(
    name="refworld",
    url_hosts=("refworld.org",),
    markers=(
        re.compile(r"search refworld"),
        re.compile(r"refworld\s*\|"),
        re.compile(r"cite as\b.{0,40}refworld", re.DOTALL),
        re.compile(r"this is not a unhcr publication"),
    ),
    content_selectors=("#docMain", "#document-content", ".document-content", "main", "article"),
    remove_selectors=(".refworld-search", ".document-metadata", ".doc-sidebar", "#docSidebar"),
    leading_lines=lines(
        r"Last Updated:.*",
        r"Publisher:?(?:\s.*)?",
        r"Author:?(?:\s.*)?",
        r"Publication Date:?(?:\s.*)?",
        r"Topics?:?(?:\s.*)?",
        r"Countr(?:y|ies):?(?:\s.*)?",
        r"Cite as:?(?:\s.*)?",
        r"Document type:?(?:\s.*)?",
        r"Comments?:?(?:\s.*)?",
        r"Disclaimer:?",
        r"Refworld\b.*",
        r"Country Reports? on Terrorism \d{4}\s*[-–:].*",
        r"United States Department of State",
    ),
    trailing_cut=lines(
        r"Search Refworld.*",
        r"Copyright notice:.*",
    ),
    anywhere_lines=lines(
        r"This is not a UNHCR publication\..*",
        r"Disclaimer:?\s*This is not a UNHCR publication.*",
    ),
)
