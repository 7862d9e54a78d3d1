"""refworld.org: UNHCR's mirror, with document metadata and a disclaimer around the body."""

import re

from crtdiff.ingest.hosts.profile import HostProfile

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
    remove_selectors=(
        ".refworld-search",
        ".document-metadata",
        ".document-meta",
        "table.docMeta",
        ".document-cite",
        ".document-disclaimer",
        ".last-updated",
        ".doc-sidebar",
        "#docSidebar",
        "#searchbox",
        "#header",
        "#footer",
    ),
)
