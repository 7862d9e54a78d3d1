"""state.gov: the 2017+ WordPress report template, and its 2009-2017 / 2017-2021 archives."""

import re

from crtdiff.ingest.hosts.profile import HostProfile, lines

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
    leading_lines=lines(
        r"You are viewing ARCHIVED CONTENT.*",
        r"An official website of the United States Government",
        r"Here['’]s how you know",
        r"\.gov means it['’]s official\.?",
        r"Bureau of Counterterrorism(?: and Countering Violent Extremism)?",
        r"Country Reports? on Terrorism \d{4}",
        r"Hide|Share|Print|Download PDF|Report|Reports|Home|Skip to content",
        r"Live Now:.*",
        r"\d{4} Country Reports on Terrorism",
    ),
    trailing_cut=lines(
        r"Related Articles",
        r"TAGS",
        r"Bureau of Counterterrorism\s*Countries? and Areas.*",
        r"White House\s+USA\.gov.*",
    ),
    anywhere_lines=lines(
        r"You are viewing ARCHIVED CONTENT.*",
        r"\.gov means it['’]s official\.?.*",
        r"A \.gov website belongs to an official government organization.*",
        r"Secure \.gov websites use HTTPS.*",
        r"Back to Top",
    ),
)
