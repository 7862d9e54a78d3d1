"""ecoi.net: the Austrian Red Cross mirror, one page per country-year."""

import re

from crtdiff.ingest.hosts.profile import HostProfile

ECOI = HostProfile(
    name="ecoi",
    url_hosts=("ecoi.net",),
    markers=(
        re.compile(r"ecoi\.net"),
        re.compile(r"country report on terrorism \d{4} - chapter \d+ - "),
    ),
    content_selectors=("#document-content", ".document-content", ".text-content", "main"),
    remove_selectors=(".document-metadata", ".associated-documents", ".document-sidebar"),
)
