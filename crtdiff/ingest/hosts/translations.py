"""translations.state.gov: the embassy translation site the seed was copied from."""

import re

from crtdiff.ingest.hosts.profile import HostProfile

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
)
