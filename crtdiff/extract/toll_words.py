"""The words casualty figures are read with: tokens, casualty verbs and nouns, qualifiers,
victim nouns and the words that end a victim phrase."""

import re
from typing import NamedTuple

from crtdiff.extract.numbers import NUMBER, parse_number
from crtdiff.schemas import TollKind
from crtdiff.text.caseless import caseless, lower_plain

_TOKEN = re.compile(
    rf"(?P<num>\b{NUMBER})(?![\w-])|(?P<word>(?:[A-Z]\.){{2,}}|[\w’'-]+)|(?P<punct>[,;:()]|\.(?=\s|$))",
    re.IGNORECASE,
)


class Tok(NamedTuple):
    """One token: a number (with its value), a word or a punctuation mark (a named tuple:
    quicker to make than a frozen dataclass, and every word of an incident is one)."""

    kind: str
    """"num", "word" or "punct"."""
    text: str
    low: str
    start: int
    end: int
    value: int | None = None


_TOKEN_LOW = caseless(_TOKEN)


def toll_tokens(text: str) -> list[Tok]:
    """The tokens of `text`; a number word that is not a figure is a word."""
    out = []
    low = lower_plain(text)
    # In lower-cased text when that reads the same (text/caseless.py): words as written.
    if low is not None and _TOKEN_LOW.lowered is not None:
        matches = _TOKEN_LOW.lowered.finditer(low)
    else:
        matches = _TOKEN.finditer(text)
    for m in matches:
        kind = m.lastgroup or "word"
        start, end = m.span()
        word = text[start:end]
        value = parse_number(word) if kind == "num" else None
        if kind == "num" and value is None:
            kind = "word"
        out.append(Tok(kind, word, word.lower(), start, end, value))
    return out


K, W, H = TollKind.KILLED, TollKind.WOUNDED, TollKind.KIDNAPPED
WEAK_WOUNDING = ("stabbed", "stabbing", "burned", "burning", "burnt")
"""Verbs that wound only when their object is people ("burning three children", not
"burning homes")."""
PERSON = re.compile(
    r"\b(?:people|persons?|civilians?|children|child|girls?|boys?|wom[ae]n|m[ae]n|wife|husband|"
    r"sons?|daughters?|family|soldiers?|officers?|policem[ae]n|police|troops|guards?|drivers?|"
    r"villagers|residents|workers?|tourists?|students?|worshipp?ers?|passengers?|pilgrims|"
    r"members?|employees?|staff|nationals?|citizens?|peacekeepers?|priests?|pastors?|imams?|"
    r"clerics?|teachers?|journalists?|officials?|hostages?|victims?|others|individuals|"
    r"leaders?|chiefs?|mayors?|judges?|governors?|commanders?|colonels?|generals?|"
    r"contractors?|nuns?|missionar(?:y|ies)|engineers?|doctors?|nurses?|farmers?|herders?|"
    r"traders?|shoppers|customers|guests|mourners|spectators|fishermen|miners|refugees)\b",
    re.IGNORECASE,
)
# Verbs whose object is the victims ("killing two soldiers"), as token sequences.
ACTIVE: dict[tuple[str, ...], TollKind] = {
    **{
        (v,): K
        for v in [
            "killing",
            "killed",
            "kill",
            "kills",
            "executed",
            "executing",
            "execute",
            "assassinated",
            "assassinating",
            "beheaded",
            "beheading",
            "murdered",
            "murdering",
            "slaughtered",
        ]
    },
    ("shot", "dead"): K,
    ("shooting", "dead"): K,
    ("gunned", "down"): K,
    ("shot", "and", "killed"): K,
    ("hacked", "to", "death"): K,
    ("hacking", "to", "death"): K,
    **{(v,): W for v in ["wounding", "wounded", "injuring", "injured", "wound", "injure"]},
    **{(v,): W for v in WEAK_WOUNDING},
    **{(v,): H for v in ["kidnapping", "kidnapped", "abducting", "abducted", "kidnap", "abduct"]},
}
# Words after the victims that say what happened to them ("two soldiers were killed").
PASSIVE: dict[tuple[str, ...], TollKind] = {
    **{
        (v,): K
        for v in [
            "killed",
            "dead",
            "died",
            "executed",
            "assassinated",
            "beheaded",
            "murdered",
            "perished",
            "deaths",
            "fatalities",
        ]
    },
    ("lost", "their", "lives"): K,
    ("lost", "his", "life"): K,
    ("lost", "her", "life"): K,
    ("shot", "dead"): K,
    ("found", "dead"): K,
    **{(v,): W for v in ["wounded", "injured", "hurt"]},
    **{(v,): H for v in ["kidnapped", "abducted"]},
    ("taken", "hostage"): H,
    ("taken", "captive"): H,
}
# Nouns naming what happened to the victims that follow ("the killing of three soldiers").
NOMINAL: dict[str, TollKind] = {
    "killing": K,
    "killings": K,
    "murder": K,
    "assassination": K,
    "execution": K,
    "beheading": K,
    "deaths": K,
    "death": K,
    "kidnapping": H,
    "abduction": H,
}
TAKE = {"took", "taking", "seized", "seizing", "holding", "held"}
"""Verbs of "took two Frenchmen hostage"."""
AUX = {"were", "was", "had", "been", "have", "has", "are", "is", "being", "be", "reportedly",
        "also", "later", "all", "each", "allegedly", "subsequently", "then"}  # fmt: skip
_QUALIFIERS: list[tuple[tuple[str, ...], str]] = [
    (("at", "least"), "at least"),
    (("more", "than"), "more than"),
    (("as", "many", "as"), "as many as"),
    (("up", "to"), "up to"),
    (("an", "estimated"), "an estimated"),
    (("over",), "over"),
    (("nearly",), "nearly"),
    (("almost",), "almost"),
    (("approximately",), "approximately"),
    (("about",), "about"),
    (("around",), "around"),
    (("roughly",), "roughly"),
    (("some",), "some"),
]
ESTIMATED = {"an estimated", "approximately", "about", "around", "some", "nearly", "almost",
              "roughly"}  # fmt: skip
AT_LEAST = {"at least", "more than", "over", "up to", "as many as"}
VAGUE = {"several", "many", "dozens", "scores", "numerous", "hundreds", "thousands", "other",
          "others", "multiple", "countless", "two-dozen"}  # fmt: skip
STOP = {"in", "at", "near", "on", "during", "when", "while", "including", "after", "before",
         "as", "with", "from", "by", "who", "whom", "whose", "which", "that", "and", "or", "but",
         "to", "into", "inside", "outside", "across", "since", "until", "for", "because",
         "among", "per", "were", "was", "had", "have", "has", "are", "is", "be", "been",
         "being", "also", "reportedly", "later", "the", "than", "along", "between", "against",
         "within", "without", "whereas", "then", "according", "amid", "despite", "following",
         "under", "over", "through", "throughout", "toward", "towards", "via", "where", "all",
         "each", "both", "themselves", "it", "its", "they", "their"}  # fmt: skip
ING_NOUNS = {"wedding", "building", "gathering", "meeting", "evening", "morning", "being",
              "offspring", "sibling", "king", "ceiling", "clothing", "housing", "training",
              "ring", "spring", "crossing", "string", "viking"}  # fmt: skip
PERPETRATOR = re.compile(
    r"attacker|assailant|militant|terrorist|bomber|gunm[ae]n|fighter|insurgent|suspect|"
    r"perpetrator|jihadist|extremist|kidnapper|hostage-taker|himself|herself|themselves",
    re.IGNORECASE,
)
NOT_VICTIMS = {"days", "day", "weeks", "week", "months", "month", "years", "year", "hours",
                "hour", "minutes", "times", "km", "kilometers", "kilometres", "miles", "meters",
                "metres", "percent", "vehicles", "cars", "trucks", "buildings", "houses",
                "homes", "attacks", "incidents", "bombs", "explosions", "rounds", "locations",
                "separate", "consecutive", "different"}  # fmt: skip
GENERIC_VICTIMS = {"people", "persons", "individuals", "civilians", "victims"}
REPORTING = {"said", "says", "reported", "reports", "claimed", "claims", "stated", "estimated",
              "estimates", "put", "cited", "counted", "announced", "indicated", "confirmed",
              "noted", "told"}  # fmt: skip
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"}  # fmt: skip
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
DEAD_WERE_ATTACKERS = re.compile(
    r"\b(?:most|many|some|all|the rest|the remainder|the majority|dozens|hundreds) of the "
    r"(?:dead|killed|victims|fatalities)\b[^.;]{0,20}\b(?:were|being|was)\s+(?:\w+\s+)?"
    r"(?:militants|attackers|insurgents|fighters|terrorists|gunmen|assailants|extremists)",
    re.IGNORECASE,
)
"""The toll counts the attackers too: the victims are the subset the text lists."""
ONE_PERSON = {"him", "her", "he", "she"}
DETERMINED = {"the", "his", "her", "their"}
MORE = {"also", "another", "additional", "other", "more", "further"}
CLAUSE_LEAD = {"while", "but", "whereas", "and", "although", "though"}


def titled(word: str) -> bool:
    """A word written as a name ("Hammami"), not an acronym ("IEDs")."""
    return word[:1].isupper() and word[1:].islower()


def longest_entry(
    lows: list[str], i: int, table: dict[tuple[str, ...], TollKind]
) -> tuple[TollKind, int] | None:
    """The longest entry of `table` starting at word i: its class and the index after."""
    for size in (3, 2, 1):
        key = tuple(lows[i : i + size])
        if len(key) == size and key in table:
            return table[key], i + size
    return None


ACTIVE_FIRST = {words[0] for words in ACTIVE}
PASSIVE_FIRST = {words[0] for words in PASSIVE}
QUALIFIER_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _name in _QUALIFIERS:
    QUALIFIER_BY_FIRST.setdefault(_words[0], []).append((_words, _name))
OUTCOME_WORDS = {"hostage", "hostages", "captive", "found", "discovered", "recovered", "dead",
                  "reported", "said", "put", "estimated", "toll"}  # fmt: skip
"""Words after which a subject list may end in a figure ("taken hostage", "found dead", a
figure a source gives)."""
REACH = 24
"""How many words a victim list and its verb may span."""
