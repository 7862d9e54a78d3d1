"""translations.state.gov: the embassy translation site the seed was copied from."""

import re

from crtdiff.ingest.hosts.profile import HostProfile, lines

_LANGUAGES = (
    "Français|English|Español|Português|Русский|العربية|中文|فارسی|اردو|Türkçe|"
    "Bahasa Indonesia|Kiswahili|한국어|日本語|Deutsch|Italiano|Tiếng Việt|Hausa|Soomaali"
)

TRANSLATIONS = HostProfile(
    name="translations.state.gov",
    url_hosts=("translations.state.gov",),
    markers=(
        re.compile(r"this translation is provided as a courtesy"),
        re.compile(
            rf"^\s*(?:{_LANGUAGES.lower()})(?:\s+(?:{_LANGUAGES.lower()}))+\s*$", re.MULTILINE
        ),
    ),
    content_selectors=(".entry-content", "article", "main"),
    leading_lines=lines(
        rf"(?:{_LANGUAGES})(?:\s+(?:{_LANGUAGES}))*",  # the doubled language switcher
        r"Bureau of Counterterrorism(?: and Countering Violent Extremism)?",
        r"Office of the Coordinator for Counterterrorism",
        r"Country Reports? on Terrorism \d{4}",
    ),
    trailing_cut=lines(
        r"This translation is provided as a courtesy.*",
        r"Email Updates",
    ),
    anywhere_lines=lines(
        r"To sign up for updates or to access your subscriber preferences.*",
    ),
)
