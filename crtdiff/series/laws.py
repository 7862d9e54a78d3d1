"""Laws and codes a report names: numbered texts ("Law No. 2019-042"), the codes ("the labor
code"), named laws ("the National Understanding Law"), year-dated laws ("the 2012 law on
trafficking in persons") and the constitution; one entry per law, with its first mention."""

import re

from crtdiff.extract.evidence import SentenceIndex
from crtdiff.schemas import CountryReport
from crtdiff.schemas.series import NamedLaw
from crtdiff.text.normalize import slugify

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_TITLE_WORD = r"[A-Z][\w’'-]*"
_PATTERNS = (
    # Numbered texts, with their date where it follows.
    rf"\b(?:Law|Ordinance|Decree|Act|Order)\s+(?:No\.?|Number|n°)\s*[\w/.-]*\d[\w/-]*"
    rf"(?:\s+of\s+(?:{_MONTH}\s+\d{{1,2}},\s+)?\d{{4}})?",
    # The codes.
    r"\b(?:[Pp]enal|[Cc]riminal|[Ll]abou?r|[Ff]amily|[Ee]lectoral|[Cc]ivil|[Mm]ining|[Pp]ress"
    r"|[Mm]ilitary|[Pp]astoral|[Cc]hild [Pp]rotection)\s+[Cc]ode\b",
    r"\b[Cc]ode\s+of\s+(?:[Cc]riminal\s+[Pp]rocedure|[Mm]ilitary\s+[Jj]ustice|[Pp]ersons\s+and\s+"
    r"(?:the\s+)?[Ff]amily|[Cc]hild\s+[Pp]rotection)\b",
    # Named laws: "Law on National Understanding", "the National Understanding Law".
    rf"\b(?:Law|Act|Charter)\s+(?:on|of|for)\s+(?:the\s+)?{_TITLE_WORD}"
    rf"(?:\s+(?:(?:and|of|the|for|on)\s+)*{_TITLE_WORD}){{0,5}}",
    rf"\b{_TITLE_WORD}(?:\s+(?:(?:and|of|on)\s+)?{_TITLE_WORD}){{0,5}}\s+(?:Law|Act|Charter)\b",
    # Laws dated by their year: "the 2012 law on trafficking in persons", "a 2016 antitrafficking
    # law".
    r"\b(?:19|20)\d\d\s+(?:law|decree|ordinance)\s+(?:on|against|criminalizing|prohibiting|"
    r"regarding|governing)\s+[a-z][a-z -]{2,60}?(?=[,.;:()]|\s+(?:that|which|and|was|were|is|in|"
    r"to|by|with)\b)",
    r"\b(?:19|20)\d\d\s+[a-z][a-z-]+\s+law\b",
    r"\b[Cc]onstitution\b",
)
_LAW = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))
# Capitalised words that open a sentence or name a body, not a law.
_NOT_A_NAME = re.compile(r"^(?:The|A|An|This|That|Under|Its|Their|Both|No)\s+")


def law_id(name: str) -> str:
    """A stable id: the slug of the name, without an article and with "labour" as "labor"."""
    name = re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE)
    return slugify(name.replace("labour", "labor").replace("Labour", "Labor"))


def extract_laws(report: CountryReport, index: SentenceIndex | None = None) -> list[NamedLaw]:
    """Every law named, in order of first mention, with how often it is named."""
    index = index or SentenceIndex(report)
    first: dict[str, NamedLaw] = {}
    mentions: dict[str, int] = {}
    for located in index.sentences:
        for match in _LAW.finditer(located.sentence.text):
            name = _NOT_A_NAME.sub("", match.group(0)).strip()
            if not any(c.isalpha() for c in name):
                continue
            key = law_id(name)
            mentions[key] = mentions.get(key, 0) + 1
            if key not in first:
                first[key] = NamedLaw(id=key, name=name, mentions=1, evidence=located.evidence())
    return [law.model_copy(update={"mentions": mentions[key]}) for key, law in first.items()]
