"""The rules of legal measures: per kind its cue words, its trigger pattern and what the sentence
must say of it; the rules a sentence's cues call up."""

import re
from dataclasses import dataclass

from crtdiff.extract.cues import cue_automaton, cues_in
from crtdiff.schemas import LegalMeasureKind

K = LegalMeasureKind


@dataclass(frozen=True)
class Rule:
    """A kind of measure: what names it, and what must be said of it to count as a measure."""

    kind: LegalMeasureKind
    cues: tuple[str, ...]
    """Word parts (lower case) of which every trigger match contains one: finding them costs
    a fraction of the trigger patterns, and most sentences have none."""
    trigger: re.Pattern[str]
    action: re.Pattern[str]


def rule_re(pattern: str) -> re.Pattern[str]:
    """A rule pattern: case is ignored."""
    return re.compile(pattern, re.IGNORECASE)


_ACTION = (
    r"\b(?:pass(?:ed)?|adopt(?:ed)?|enact(?:ed)?|promulgat\w*|amend\w*|draft\w*|sign(?:ed)?|"
    r"approv\w*|validat\w*|ratif\w*|vot(?:ed|e)|entered into force|took effect|came into force|"
    r"implement\w*|extend\w*|renew\w*|declar\w*|impos\w*|lift\w*|introduc\w*|submit\w*|"
    r"establish\w*|creat\w*|launch\w*|issued|incorporated|finaliz\w*|finalis\w*|revis\w*|"
    r"criminaliz\w*|criminalis\w*|pending|announc\w*|sent|strengthen\w*|toughen\w*)"
)
_HOLDS = (
    r"|\bremain\w* (?:in (?:force|effect|place)|pending|before|on|the (?:[\w’'-]+ ){0,3}"
    r"(?:basis|framework|law))\b|\brests? on\b|\ballows?\b|\bgives?\b|\bprovides?\b|"
    r"\bgoverns?\b|\bprosecut(?:es|ed|e|ing) (?:[\w-]+ ){0,6}?under\b|\bin (?:force|effect)\b|"
    r"\bprovided the (?:[\w’'-]+ ){0,2}(?:basis|framework)\b"
)
"""What a sentence says of a measure that holds ("remained in force", "rests on its 2008 law",
"allows the freezing of assets"): a measure too."""
_STANDING = rule_re(_ACTION + _HOLDS)
# First matching rule wins for a sentence (a unit created by law is reported once, as the law;
# a reparations order for a convicted man is the order, not a conviction).
RULES = [
    Rule(
        K.STATE_OF_EMERGENCY,
        ("emergency", "siege", "martial"),
        rule_re(
            r"state of (?:emergency|siege)|\bmartial law\b(?!\s+(?:administrator|administration|"
            r"authorit\w+|officials?|period|courts?)\b)"
        ),
        rule_re(_ACTION + _HOLDS + r"|\bunder\b"),
    ),
    Rule(
        K.REPARATIONS_ORDER,
        ("reparation",),
        rule_re(r"\breparations?\b"),
        rule_re(r"\border\w*|\bawarded\b|\bissu\w+|\bpay\b|\bconfirm\w*|\bupheld\b"),
    ),
    Rule(
        K.CONVICTION,
        ("convict", "sentenc", "guilty"),
        rule_re(
            r"\bconvict(?:ed|ions?)?\b(?!\s+(?:terrorists|militants|prisoners|criminals|offenders|"
            r"extremists|rates?)\b)|\bsentenced\b|found guilty|"
            r"\bsentenc(?:e|ing) (?:[\w’'-]+ ){1,4}?to (?:death|life|\d+|prison)"
        ),
        rule_re(
            r"\b(?:January|February|March|April|May|June|July|August|September|October|"
            r"November|December)\b|(?-i:\bof [A-Z]\w+)|\b\d+ (?:people|individuals|suspects|men)|"
            r"\bincluding\b|\bmembers of\b"
        ),
    ),
    Rule(
        K.ARREST_WARRANT,
        ("warrant", "arrest order"),
        rule_re(
            r"\b(?:arrest|international|search) warrants?\b|\bwarrants? for (?:the )?arrest|"
            r"\barrest orders?\b"
        ),
        rule_re(r"\bissu\w+|\bobtain\w*|\bexecut\w+|\bsought\b"),
    ),
    Rule(
        K.EXTRADITION,
        ("extradit", "surrender"),
        rule_re(r"\bextradit(?:ed|ing|e)\b|\bextradition of\b|\bsurrender(?:ed|ing) (?!to\b)"),
        rule_re(
            r"\bextradit(?:ed|ing)\b|\bextradition of\b.*\b(?:approv\w*|grant\w*|complet\w*)|"
            r"\bsurrender(?:ed|ing) (?!to\b)[\w’'-]+(?: [\w’'-]+){0,4} to\b"
        ),
    ),
    Rule(
        K.DESIGNATION,
        ("designat", "declar", "proscri", "list of foreign"),
        rule_re(
            r"\bdesignat(?:ed|ing)\b(?!\s+(?:a\s+)?(?:Foreign|terrorist|FTO)\b)|"
            r"\bdesignation of\b|"
            r"\bdeclar\w+ (?:[\w/’'-]+ ){1,5}?(?:an? )?terrorist organi[sz]ation|"
            r"\bproscri(?:bed|bes|be|ption of)\b|\blist of foreign terrorist organi[sz]ations"
        ),
        rule_re(r"terror|\bFTO\b|\bSDGT\b|sanction"),
    ),
    Rule(
        K.RATIFICATION,
        ("ratif", "accede", "accession"),
        rule_re(r"\bratif(?:ied|ies|y|ying|ication of)\b|\bacceded to\b|\baccession to\b"),
        rule_re(
            r"\b(?:conventions?|treat(?:y|ies)|protocols?|charter|agreements?|accords?|instruments?)\b"
        ),
    ),
    Rule(
        K.STRATEGY,
        ("strategy", "plan", "policy"),
        rule_re(
            r"\b(?:national )?(?:strategy|action plan|national plan)\b|"
            r"national policy (?:for|on)\b|"
            r"(?:billion|million) plan\b|\bplan to (?:fight|counter|combat|prevent)\b"
        ),
        _STANDING,
    ),
    Rule(
        K.PENAL_CODE,
        ("code",),
        rule_re(r"penal code|criminal code|code of criminal procedure"),
        _STANDING,
    ),
    Rule(
        K.DECREE,
        ("decree", "ordinance", "regulation", "banned", "prohibit", "outlaw"),
        rule_re(r"\bdecree\b|\bordinance\b|\bregulation\b|\b(?:banned|prohibited|outlawed)\b"),
        rule_re(
            _ACTION + _HOLDS + r"|(?-i:\b(?:President|Prime Minister|Minister|Governor)\b)|"
            r"\bgovernment\b|\bauthorities\b"
        ),
    ),
    Rule(
        K.AGREEMENT,
        ("agreement", "memorandum", "mou", "protocol", "cease", "peace "),
        rule_re(
            r"\b(?:agreement|memorandum of understanding|MOU|protocol)\b|\bcease-?fire\b|"
            r"\bpeace (?:deal|accord)\b"
        ),
        rule_re(r"\bsign(?:ed|ing)?\b|\bconclud\w*|\bratif\w*|\bagreed\b"),
    ),
    Rule(
        K.ASSET_FREEZE,
        ("freez", "froze", "circulat"),
        rule_re(
            r"freez(?:e|ing) (?:of )?(?:the )?(?:terrorist )?(?:assets|accounts|funds)|"
            r"froze\b.*(?:assets|accounts|funds)|"
            r"asset[- ]freez|\bcirculat\w+ (?:[\w’'()/-]+ ){0,10}?(?:list|names)\b"
        ),
        # "froze the accounts of 86 individuals": the freeze is the act itself.
        rule_re(_ACTION + _HOLDS + r"|\b1267\b|\bsanctions?\b|\bconsolidated\b|\bfroze\b"),
    ),
    Rule(
        K.LAW,
        ("law", "bill", "legislation", "act", "constitution"),
        rule_re(
            r"\b(?:law|bill|legislation|act)\b(?! enforcement)(?<!rule of law)|"
            r"\bconstitutional amendment"
        ),
        _STANDING,
    ),
    Rule(
        K.UNIT,
        ("unit", "detachment", "force", "pole"),
        rule_re(r"\bunit\b|\bdetachment\b|\bjoint force\b|\btask force\b|judicial pole"),
        rule_re(r"\b(?:newly )?(?:establish\w*|creat\w*|set up|formed)"),
    ),
]


_CUES = cue_automaton(cue for rule in RULES for cue in rule.cues)
"""Every cue, overlapping ones included, found in one pass over the lower-cased sentence."""


def cued_rules(text: str) -> list[Rule]:
    """The rules whose cue words the sentence contains (the only ones that can trigger)."""
    found = cues_in(_CUES, text.lower())
    if not found:
        return []
    return [rule for rule in RULES if not found.isdisjoint(rule.cues)]
