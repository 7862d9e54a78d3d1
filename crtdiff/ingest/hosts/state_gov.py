"""state.gov: the 2017+ WordPress report template, and its 2009-2017 / 2017-2021 archives."""

import re

from crtdiff.ingest.hosts.profile import HostProfile

STATE_GOV = HostProfile(
    name="state.gov",
    url_hosts=("state.gov",),
    markers=(
        re.compile(r"an official website of the united states government"),
        re.compile(r'class="[^"]*report__content'),
        re.compile(r"united states department of state</title>"),
    ),
    content_selectors=(".report__content", "article .entry-content", "#centerblock", "main"),
    remove_selectors=(
        ".header_banner_container",
        ".live_now_banner",
        ".skip-link",
        ".nav__search",
        ".nav__overlay",
        ".report-toc",
        ".report__tags",
        ".report-meta",
        ".article-meta",
        ".related-content",
        ".related-articles",
        ".block_breadcrumbs_content",
        ".splash",
        ".wmpci-popup-wrp",
        ".social-share",
        ".site-header",
        ".site-footer",
        ".report-toc-section",
        ".icon-svg",
        ".screen-reader-text",
    ),
)
