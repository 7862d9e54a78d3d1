"""ecoi.net: the Austrian Red Cross mirror, one page per country-year."""

import re

from crtdiff.ingest.hosts.profile import HostProfile, lines

ECOI = HostProfile(
    name="ecoi",
    url_hosts=("ecoi.net",),
    markers=(
        re.compile(r"ecoi\.net"),
        re.compile(r"country report on terrorism \d{4} - chapter \d+ - "),
    ),
    content_selectors=("#document-content", ".document-content", ".text-content", "main"),
    remove_selectors=(".document-metadata", ".associated-documents", ".document-sidebar"),
    leading_lines=lines(
        r"Country Report on Terrorism \d{4} - Chapter \d+ - .*",
        r"ecoi\.net.*",
        r"Document #\d+",
        r"(?:Published|Original link|Document type|Language|Source|Author|Date|Region|Countries|"
        r"Topics|ecoi\.net summary)(?::|\s*$).*",
        r"(?:USDOS|US Department of State)\s*[-–(].*",
    ),
    trailing_cut=lines(
        r"Associated documents",
        r"Document ID \d+.*",
        r"Contact\s*[-|]\s*Imprint.*",
    ),
)
