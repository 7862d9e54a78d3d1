"""Casualty figures: killed, wounded and kidnapped as lower bounds, perpetrators left out.

The text is read as tokens, and victims as lists of noun phrases around a casualty verb:
"killing one UN peacekeeper and one Malian soldier" (an object list after the verb),
"four U.S. soldiers and four Nigerien soldiers were killed" (a subject list before it). The
figures of a list are added; a subset after "including" is not, unless the total is vague
("several people, including a pastor" is at least one). Figures that different sources give for
the same victims compete: the lowest is the lower bound and all are kept with their source.
"""

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from crtdiff.extract.numbers import NUMBER, parse_number
from schemas import StatedFigure, TollFlag, TollKind

_TOKEN = re.compile(
    rf"(?P<num>\b{NUMBER})(?![\w-])|(?P<word>(?:[A-Z]\.){{2,}}|[\w’'-]+)|(?P<punct>[,;:()]|\.(?=\s|$))",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str
    """"num", "word" or "punct"."""
    text: str
    low: str
    start: int
    end: int
    value: int | None = None


def _tokens(text: str) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "word"
        word = m.group()
        value = parse_number(word) if kind == "num" else None
        if kind == "num" and value is None:
            kind = "word"
        out.append(_Tok(kind, word, word.lower(), m.start(), m.end(), value))
    return out


K, W, H = TollKind.KILLED, TollKind.WOUNDED, TollKind.KIDNAPPED
_WEAK_WOUNDING = ("stabbed", "stabbing", "burned", "burning", "burnt")
"""Verbs that wound only when their object is people ("burning three children", not
"burning homes")."""
_PERSON = re.compile(
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
_ACTIVE: dict[tuple[str, ...], TollKind] = {
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
    **{(v,): W for v in _WEAK_WOUNDING},
    **{(v,): H for v in ["kidnapping", "kidnapped", "abducting", "abducted", "kidnap", "abduct"]},
}
# Words after the victims that say what happened to them ("two soldiers were killed").
_PASSIVE: dict[tuple[str, ...], TollKind] = {
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
_NOMINAL: dict[str, TollKind] = {
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
_TAKE = {"took", "taking", "seized", "seizing", "holding", "held"}
"""Verbs of "took two Frenchmen hostage"."""
_AUX = {"were", "was", "had", "been", "have", "has", "are", "is", "being", "be", "reportedly",
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
_ESTIMATED = {"an estimated", "approximately", "about", "around", "some", "nearly", "almost",
              "roughly"}  # fmt: skip
_AT_LEAST = {"at least", "more than", "over", "up to", "as many as"}
_VAGUE = {"several", "many", "dozens", "scores", "numerous", "hundreds", "thousands", "other",
          "others", "multiple", "countless", "two-dozen"}  # fmt: skip
_STOP = {"in", "at", "near", "on", "during", "when", "while", "including", "after", "before",
         "as", "with", "from", "by", "who", "whom", "whose", "which", "that", "and", "or", "but",
         "to", "into", "inside", "outside", "across", "since", "until", "for", "because",
         "among", "per", "were", "was", "had", "have", "has", "are", "is", "be", "been",
         "being", "also", "reportedly", "later", "the", "than", "along", "between", "against",
         "within", "without", "whereas", "then", "according", "amid", "despite", "following",
         "under", "over", "through", "throughout", "toward", "towards", "via", "where", "all",
         "each", "both", "themselves", "it", "its", "they", "their"}  # fmt: skip
_ING_NOUNS = {"wedding", "building", "gathering", "meeting", "evening", "morning", "being",
              "offspring", "sibling", "king", "ceiling", "clothing", "housing", "training",
              "ring", "spring", "crossing", "string", "viking"}  # fmt: skip
_PERPETRATOR = re.compile(
    r"attacker|assailant|militant|terrorist|bomber|gunm[ae]n|fighter|insurgent|suspect|"
    r"perpetrator|jihadist|extremist|kidnapper|hostage-taker|himself|herself|themselves",
    re.IGNORECASE,
)
_NOT_VICTIMS = {"days", "day", "weeks", "week", "months", "month", "years", "year", "hours",
                "hour", "minutes", "times", "km", "kilometers", "kilometres", "miles", "meters",
                "metres", "percent", "vehicles", "cars", "trucks", "buildings", "houses",
                "homes", "attacks", "incidents", "bombs", "explosions", "rounds", "locations",
                "separate", "consecutive", "different"}  # fmt: skip
_GENERIC_VICTIMS = {"people", "persons", "individuals", "civilians", "victims"}
_REPORTING = {"said", "says", "reported", "reports", "claimed", "claims", "stated", "estimated",
              "estimates", "put", "cited", "counted", "announced", "indicated", "confirmed",
              "noted", "told"}  # fmt: skip
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"}  # fmt: skip
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_DEAD_WERE_ATTACKERS = re.compile(
    r"\b(?:most|many|some|all|the rest|the remainder|the majority|dozens|hundreds) of the "
    r"(?:dead|killed|victims|fatalities)\b[^.;]{0,20}\b(?:were|being|was)\s+(?:\w+\s+)?"
    r"(?:militants|attackers|insurgents|fighters|terrorists|gunmen|assailants|extremists)",
    re.IGNORECASE,
)
"""The toll counts the attackers too: the victims are the subset the text lists."""
_ONE_PERSON = {"him", "her", "he", "she"}
_DETERMINED = {"the", "his", "her", "their"}
_MORE = {"also", "another", "additional", "other", "more", "further"}
_CLAUSE_LEAD = {"while", "but", "whereas", "and", "although", "though"}


def _titled(word: str) -> bool:
    """A word written as a name ("Hammami"), not an acronym ("IEDs")."""
    return word[:1].isupper() and word[1:].islower()


@dataclass
class _Phrase:
    """One victim noun phrase: its figure (None when vague) and its words."""

    value: int | None
    who: list[_Tok]
    qualifier: str
    start: int
    end: int
    """Token index just past the phrase."""


@dataclass
class _Figure:
    toll: TollKind
    value: int
    qualifier: str
    who: str
    start: int
    """Character offset of the figure."""
    text: str
    source: str | None
    more: bool
    """The text says these are further victims ("three civilians were also killed")."""
    elliptic: bool = False
    """A bare figure after a reporting verb ("media reported at least 20")."""

    @property
    def flags(self) -> list[TollFlag]:
        if self.qualifier in _AT_LEAST:
            return [TollFlag.AT_LEAST]
        if self.qualifier in _ESTIMATED:
            return [TollFlag.ESTIMATED]
        return []


@dataclass
class Tolls:
    """Lower bounds per class; None when the text gives no figure."""

    killed: int | None = None
    wounded: int | None = None
    kidnapped: int | None = None
    flags: set[TollFlag] = field(default_factory=set)
    victims: str | None = None
    """The first victim noun phrase seen ("UN peacekeepers")."""
    figures: list[StatedFigure] = field(default_factory=list)
    """The figures of every class whose sources disagree, as stated."""

    def as_fields(self) -> dict[str, object]:
        """Keyword arguments for the schema models."""
        return {
            "killed_min": self.killed,
            "wounded_min": self.wounded,
            "kidnapped_min": self.kidnapped,
            "toll_flags": sorted(self.flags, key=lambda f: f.value),
            "competing_figures": list(self.figures),
        }


def _longest(
    lows: list[str], i: int, table: dict[tuple[str, ...], TollKind]
) -> tuple[TollKind, int] | None:
    """The longest entry of `table` starting at word i: its class and the index after."""
    for size in (3, 2, 1):
        key = tuple(lows[i : i + size])
        if len(key) == size and key in table:
            return table[key], i + size
    return None


_ACTIVE_FIRST = {words[0] for words in _ACTIVE}
_PASSIVE_FIRST = {words[0] for words in _PASSIVE}
_QUALIFIER_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _name in _QUALIFIERS:
    _QUALIFIER_BY_FIRST.setdefault(_words[0], []).append((_words, _name))
_OUTCOME_WORDS = {"hostage", "hostages", "captive", "found", "discovered", "recovered", "dead",
                  "reported", "said", "put", "estimated", "toll"}  # fmt: skip
"""Words after which a subject list may end in a figure ("taken hostage", "found dead", a
figure a source gives)."""
_REACH = 24
"""How many words a victim list and its verb may span."""


class _Reader:
    """One pass over the tokens of a text, collecting figures."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = _tokens(text)
        self.figures: list[_Figure] = []
        lows = [t.low for t in self.toks]
        # Verbs looked up once per token: the reader asks about each token many times.
        self._active_at = [
            _longest(lows, i, _ACTIVE) if low in _ACTIVE_FIRST else None
            for i, low in enumerate(lows)
        ]
        self._passive_at = [
            _longest(lows, i, _PASSIVE) if low in _PASSIVE_FIRST else None
            for i, low in enumerate(lows)
        ]
        self._outcomes = [
            i
            for i, low in enumerate(lows)
            if self._passive_at[i] is not None or low in _OUTCOME_WORDS
        ]

    # -- small helpers -----------------------------------------------------------------------

    def _low(self, i: int) -> str:
        return self.toks[i].low if 0 <= i < len(self.toks) else ""

    def _seq(self, i: int, table: dict[tuple[str, ...], TollKind]) -> tuple[TollKind, int] | None:
        """The longest entry of `table` starting at token i: its class and the index after."""
        if i >= len(self.toks):
            return None
        if table is _ACTIVE:
            return self._active_at[i]
        if table is _PASSIVE:
            return self._passive_at[i]
        return _longest([t.low for t in self.toks], i, table)

    def _qualifier(self, i: int) -> tuple[str, int]:
        for words, name in _QUALIFIER_BY_FIRST.get(self._low(i), ()):
            if all(self._low(i + k) == w for k, w in enumerate(words)):
                after = i + len(words)
                if after < len(self.toks) and self.toks[after].kind == "num":
                    return name, after
        return "", i

    def _is_verb(self, i: int) -> bool:
        return i < len(self.toks) and (
            self._active_at[i] is not None or self._passive_at[i] is not None
        )

    def _outcome_ahead(self, i: int) -> bool:
        """A word that says what happened to victims stands within reach after token i."""
        at = bisect_left(self._outcomes, i)
        return at < len(self._outcomes) and self._outcomes[at] - i <= _REACH

    # -- noun phrases ------------------------------------------------------------------------

    def _who(self, i: int) -> int:
        """Index just past the words of a victim phrase starting at i."""
        n = 0
        while i < len(self.toks) and n < 8:
            tok = self.toks[i]
            if tok.kind == "punct" or tok.kind == "num":
                break
            if tok.low == "of":
                nxt = self._low(i + 1)
                if nxt in ("the", "a", "an", "his", "her", "their", "its"):
                    i += 1
                i += 1
                n += 1
                continue
            ing = tok.low.endswith("ing") and len(tok.low) > 4 and tok.low not in _ING_NOUNS
            if tok.low in _STOP or self._is_verb(i) or ing or tok.low in _TAKE:
                break
            if tok.low in ("hostage", "hostages", "captive") and self._low(i - 1) in _TAKE:
                break
            i += 1
            n += 1
        return i

    def _is_date_number(self, i: int) -> bool:
        """ "On January 7," and "in 2012": a day or a year, not a figure."""
        tok = self.toks[i]
        if tok.text.isdigit() and len(tok.text) == 4 and 1900 <= int(tok.text) <= 2100:
            return True
        return self._low(i - 1) in _MONTHS or self._low(i + 1) in _MONTHS

    def _head(self, j: int, *, bare: bool, names: bool) -> tuple[int | None, int] | None:
        """The count a victim phrase opens with (None when vague or a name) and the index of
        its first word; None when token j opens no victim phrase."""
        tok = self.toks[j]
        if tok.low in _MONTHS or tok.low in _WEEKDAYS:
            return None
        if tok.kind == "num":
            return None if self._is_date_number(j) else (tok.value, j + 1)
        if tok.low in ("a", "an"):
            return 1, j + 1
        if tok.low in _DETERMINED and self._noun_next(j):
            nxt = self.toks[j + 1]
            if nxt.kind == "num":
                return nxt.value, j + 2  # "the two soldiers"
            return self._one_determined(j)
        if tok.low in _VAGUE:
            return None, j + 2 if self._low(j + 1) == "of" else j + 1
        opens = bare or (names and tok.text[0].isupper())
        if tok.kind != "word" or not opens:
            return None
        if tok.low in _STOP or tok.low in _CLAUSE_LEAD or self._is_verb(j):
            return None
        return None, j

    def _noun_next(self, j: int) -> bool:
        """A word (not a verb or a small word) follows token j: "her husband", not "her"."""
        if j + 1 >= len(self.toks):
            return False
        nxt = self.toks[j + 1]
        return nxt.kind == "num" or (
            nxt.kind == "word" and nxt.low not in _STOP and not self._is_verb(j + 1)
        )

    def _one_determined(self, j: int) -> tuple[int | None, int] | None:
        """ "the driver", "his wife", "their Kenyan driver": one person (a singular noun naming
        a person); "the occupants" or "the attack" give no count."""
        end = self._who(j + 1)
        who = [t.low for t in self.toks[j + 1 : end]]
        head = who[: who.index("of")] if "of" in who else who  # "the wife of a police officer"
        if not head or head[-1].endswith("s") or not _PERSON.search(head[-1]):
            return None
        return 1, j + 1

    def _phrase(self, i: int, *, bare: bool, names: bool = True) -> _Phrase | None:
        """A victim phrase at token i: a figure ("at least 19 Malian soldiers"), an article
        ("a Swiss citizen"), a vague quantity ("several people"), a name ("Kirk Woodman",
        when `names`), or, when `bare`, a plain plural ("civilians")."""
        if i >= len(self.toks):
            return None
        qualifier, j = self._qualifier(i)
        tok = self.toks[j]
        if tok.low in ("himself", "herself", "themselves"):
            return _Phrase(None, [tok], "", i, j + 1)  # the attacker, listed with his victims
        if tok.low in _ONE_PERSON and not (tok.low in _DETERMINED and self._noun_next(j)):
            return _Phrase(1, [tok], qualifier, i, j + 1)  # "wounding him", "she later died"
        head = self._head(j, bare=bare, names=names)
        if head is None:
            return None
        value, j = head
        end = self._who(j)
        who = self.toks[j:end]
        if self._low(end) == "or" and self._low(end + 1) in ("more", "higher"):
            qualifier, end = qualifier or "at least", end + 2  # "86 or more"
        if value is None and names and who and _titled(who[-1].text) and tok.text[0].isupper():
            value = 1  # a person named: "kidnapped Kirk Woodman", "killed U.S. citizen X"
        if value is None and not who and tok.low not in _VAGUE:
            return None
        if who and who[0].low in _NOT_VICTIMS:
            return None
        return _Phrase(value, who, qualifier, i, end)

    def _list(self, i: int, *, bare: bool, names: bool = True) -> tuple[list[_Phrase], int] | None:
        """Victim phrases joined by commas, "and", "as well as"; the index after them. An
        aside that only describes the victims already listed is not more victims: "Kirk
        Woodman, a Canadian geologist", "six aid workers, five Nigeriens and a Chadian"."""
        first = self._phrase(i, bare=bare, names=names)
        if first is None:
            return None
        items, j = self._items(first)
        if len(items) > 1 and self._low(items[0].end) == ",":
            rest = [p.value for p in items[1:]]
            named = items[0].value == 1 and items[0].who and items[0].who[-1].text[0].isupper()
            article = self._low(items[1].start) in ("a", "an") and len(items) == 2
            if (named and article) or (None not in rest and sum(rest) == items[0].value):  # type: ignore[arg-type]
                items = items[:1]
        return items, j

    def _items(self, first: _Phrase) -> tuple[list[_Phrase], int]:
        items, j = [first], first.end
        while j < len(self.toks):
            k, comma = j, False
            if self._low(k) == ",":
                k, comma = k + 1, True
            if self._low(k) == "and":
                k += 1
            elif self._low(k) == "as" and self._low(k + 1) == "well" and self._low(k + 2) == "as":
                k += 3
            elif not comma:
                break
            if self._is_verb(k) or self._low(k) == "including":
                break
            nxt = self._phrase(k, bare=True)
            if nxt is None and comma:
                nxt = self._after_apposition(k)
            if nxt is None:
                break
            items.append(nxt)
            j = nxt.end
        return items, j

    def _after_apposition(self, i: int) -> _Phrase | None:
        """The phrase after an aside between commas ("35 civilians, most of them women, and
        seven soldiers")."""
        j = i
        while j < len(self.toks) and j - i < 6 and self._low(j) != ",":
            if self.toks[j].kind == "punct" or self._is_verb(j):
                return None
            j += 1
        if self._low(j) != ",":
            return None
        k = j + 1
        if self._low(k) == "and":
            k += 1
        return self._phrase(k, bare=False)

    def _including(self, j: int) -> tuple[int | None, int]:
        """The lower bound a subset after "including" gives, and the index after it."""
        k = j + 1 if self._low(j) == "," else j
        if self._low(k) != "including":
            return None, j
        found = self._list(k + 1, bare=True)
        if found is None:
            return None, j
        items, end = found
        total = sum(p.value for p in items if p.value is not None and self._victim(p))
        return (total or None), end

    @staticmethod
    def _victim(phrase: _Phrase) -> bool:
        return not any(_PERPETRATOR.search(t.text) for t in phrase.who)

    # -- sources -----------------------------------------------------------------------------

    def _source(self, i: int) -> str | None:
        """Who gives the figure starting at token i ("the army said", "media reported")."""
        j = i - 1
        while self._low(j) in ("that", "the") and j > 0:
            j -= 1
        if j >= 0 and self.toks[j].low in _REPORTING:
            start = j
            while start > 0 and i - start < 8:
                prev = self.toks[start - 1]
                if prev.kind == "punct" or (prev.low in _CLAUSE_LEAD and prev.low != "and"):
                    break
                start -= 1
            return self.text[self.toks[start].start : self.toks[j].end]
        # "according to media reports, 20 people were killed"
        for back in range(max(0, i - 8), i):
            if self._low(back) == "according" and self._low(back + 1) == "to":
                end = i - 1 if self._low(i - 1) == "," else i
                return self.text[self.toks[back].start : self.toks[end - 1].end]
        return None

    # -- figures -----------------------------------------------------------------------------

    def _add(self, toll: TollKind, items: list[_Phrase], subset: int | None, more: bool) -> None:
        victims = [p for p in items if self._victim(p)]
        values = [p.value for p in victims if p.value is not None]
        if not values and subset is None:
            return
        total = sum(values) if values else subset
        if total is None:
            return
        # "more than 1,100, including 47 civilians ...; most of the dead were militants"
        after = self.toks[items[-1].end - 1].end
        mixed = _DEAD_WERE_ATTACKERS.search(self.text, after)
        if subset is not None and (subset > total or mixed):
            total = subset
        first, last = items[0], items[-1]
        qualifier = next((p.qualifier for p in victims if p.qualifier), "")
        text = self.text[self.toks[first.start].start : self.toks[last.end - 1].end]
        who = " ".join(t.text for t in victims[0].who) if victims else ""
        self.figures.append(
            _Figure(
                toll,
                total,
                qualifier,
                who,
                self.toks[first.start].start,
                text,
                self._source(first.start),
                more or any(t.low in _MORE for p in items for t in p.who),
            )
        )

    def _active(self, i: int) -> int | None:
        """An object list after a casualty verb at i; the index after it, or None."""
        found = self._seq(i, _ACTIVE)
        if found is None:
            return None
        toll, j = found
        if self._low(j) == "at" and self._low(j + 1) != "least":
            return None
        listed = self._list(j, bare=False)
        if listed is None:
            return None
        items, end = listed
        if self._low(i) in _WEAK_WOUNDING:
            items = [p for p in items if _PERSON.search(" ".join(t.text for t in p.who))]
        subset, end = self._including(end)
        self._add(toll, items, subset, more=False)
        return end

    def _toll_at(self, i: int) -> int | None:
        """ "put the death toll at 105", "the toll rose to 30": killed."""
        j = i + 1 if self._low(i) == "death" else i
        if self._low(j) != "toll":
            return None
        k = j + 1
        while self._low(k) in ("at", "to", "of", "rose", "reached", "stood", "climbed", "was"):
            k += 1
        if k == j + 1:
            return None
        listed = self._list(k, bare=False)
        if listed is None:
            return None
        items, end = listed
        items = [replace(p, start=i) for p in items[:1]]
        self._add(K, items, None, more=False)
        return end

    def _nominal(self, i: int) -> int | None:
        """ "the killing of three soldiers", "the abduction of a Swiss citizen"."""
        toll = _NOMINAL.get(self._low(i))
        if toll is None or self._low(i + 1) != "of":
            return None
        listed = self._list(i + 2, bare=False)
        if listed is None:
            return None
        items, end = listed
        self._add(toll, items, None, more=False)
        return end

    def _passive(self, i: int) -> int | None:
        """A subject list followed by what happened to it ("two soldiers were killed")."""
        listed = self._list(i, bare=False)
        if listed is None:
            return None
        items, end = listed
        if len(items) > 1 and items[0].value is None:
            return None
        if self._low(end) == ",":
            end = self._aside(end)
        j, aux, more = end, False, False
        while self._low(j) in _AUX:
            aux = aux or self._low(j) not in ("reportedly", "also", "later", "all", "each")
            more = more or self._low(j) == "also"
            j += 1
        taken = self._taken_hostage(items, end)
        if taken is not None:
            return taken
        found = self._seq(j, _PASSIVE)
        if found is None:
            return self._elliptic(items, end)
        toll, after = found
        if self._seq(j, _ACTIVE) is not None and self._list(after, bare=False):
            return None  # "a suicide bomber killed two guards", "IEDs had killed 10 soldiers"
        subset, after = self._including(after)
        self._add(toll, items, subset, more)
        return self._and_then(items, after)

    def _and_then(self, items: list[_Phrase], j: int) -> int:
        """ "was kidnapped in Niger and later killed": what else happened to the same victims."""
        k = j
        while k < len(self.toks) and k - j < 6 and self.toks[k].kind != "punct":
            if self._low(k) == "and":
                m = k + 1
                while self._low(m) in _AUX:
                    m += 1
                found = self._seq(m, _PASSIVE)
                if found is not None and not self._list(found[1], bare=False):
                    self._add(found[0], items, None, more=False)
                    return found[1]
                return j
            k += 1
        return j

    def _aside(self, comma: int) -> int:
        """The index after an aside between commas before the verb ("One of the hostages,
        the Chadian, was killed"); `comma` itself when there is none."""
        j = comma + 1
        while j < len(self.toks) and j - comma <= 6:
            if self._low(j) == ",":
                return j + 1 if self._low(j + 1) in _AUX else comma
            if self.toks[j].kind == "punct" or self._is_verb(j):
                return comma
            j += 1
        return comma

    def _body_found(self, i: int) -> int | None:
        """ "His body was found", "the bodies of two hostages were discovered": killed."""
        low = self._low(i)
        if low in ("his", "her") and self._low(i + 1) == "body":
            items = [_Phrase(1, [], "", i, i + 2)]
            j = i + 2
        elif low == "bodies" and self._low(i + 1) == "of":
            listed = self._list(i + 2, bare=False)
            if listed is None:
                return None
            items, j = listed
        else:
            return None
        while self._low(j) in _AUX:
            j += 1
        if self._low(j) not in ("found", "discovered", "recovered"):
            return None
        self._add(K, items, None, more=False)
        return j + 1

    def _taken_hostage(self, items: list[_Phrase], end: int) -> int | None:
        """ "took two Frenchmen hostage": the list between a taking verb and "hostage"."""
        first = items[0].start
        if self._low(first - 1) in _TAKE and self._low(end) in ("hostage", "hostages", "captive"):
            self._add(H, items, None, more=False)
            return end + 1
        return None

    def _elliptic(self, items: list[_Phrase], end: int) -> int | None:
        """A bare figure a source gives for the victims already counted: "media reported at
        least 20"; only after a reporting verb and before the clause ends."""
        if len(items) != 1 or items[0].value is None or not self.figures:
            return None
        if self._source(items[0].start) is None or self._low(end) not in ("", ";", ".", ","):
            return None
        before = len(self.figures)
        self._add(self.figures[-1].toll, items, None, more=False)
        if len(self.figures) > before:
            self.figures[-1].elliptic = True
        return end

    def _steps(self, i: int) -> list[Callable[[int], int | None]]:
        """The readings that can start at token i (most tokens start none)."""
        low = self._low(i)
        steps: list[Callable[[int], int | None]] = []
        if self._active_at[i] is not None:
            steps.append(self._active)
        if low in _NOMINAL:
            steps.append(self._nominal)
        if low in ("death", "toll"):
            steps.append(self._toll_at)
        if low in ("his", "her", "bodies"):
            steps.append(self._body_found)
        reported = self._low(i - 1) in _REPORTING or self._low(i - 1) == ","  # "media reported 20"
        if self._outcome_ahead(i) or reported:
            steps.append(self._passive)
        return steps

    def read(self) -> list[_Figure]:
        i = 0
        while i < len(self.toks):
            for step in self._steps(i):
                after = step(i)
                if after is not None and after > i:
                    i = after
                    break
            else:
                i += 1
        return self.figures


def _competes(earlier: _Figure, later: _Figure) -> bool:
    """Two figures of one class count the same victims when sources disagree: the later one
    has its own source (or only restates a figure), and says nothing of further victims."""
    if later.source is None or later.more:
        return False
    a, b = earlier.who.lower().split(), later.who.lower().split()
    return (
        not a or not b or a[-1] == b[-1] or a[-1] in _GENERIC_VICTIMS or b[-1] in _GENERIC_VICTIMS
    )


def _stated(figure: _Figure) -> StatedFigure:
    return StatedFigure(
        toll=figure.toll,
        value=figure.value,
        flags=figure.flags,
        text=figure.text,
        source=figure.source,
    )


MAX_PLAUSIBLE_TOLL = 100_000
"""Above any figure a chapter could give for one attack or one period (the deadliest attack
on record killed about 3,000): a larger figure is a typo or a hostile text, and is left out,
with a warning, rather than summed into totals (or overflow a 64-bit table column)."""
_LONG_NUMBER = re.compile(r"\d[\d,]{5,}")
"""Six digits or more: what a figure beyond MAX_PLAUSIBLE_TOLL needs (words stop at thousands)."""


def implausible_figures(text: str) -> list[tuple[str, int]]:
    """(class, figure) of every casualty figure of `text` beyond MAX_PLAUSIBLE_TOLL."""
    if _LONG_NUMBER.search(text) is None:  # the common case, without reading the figures
        return []
    return [(f.toll.value, f.value) for f in _Reader(text).read() if f.value > MAX_PLAUSIBLE_TOLL]


def _plausible(text: str) -> list[_Figure]:
    figures = _Reader(text).read()
    if _LONG_NUMBER.search(text) is None:
        return figures
    return [f for f in figures if f.value <= MAX_PLAUSIBLE_TOLL]  # warned by extract_facts


def read_tolls(text: str) -> Tolls:
    """Casualty figures of one incident's text.

    Figures of different victims are added ("two soldiers ... three civilians killed"); figures
    that sources give for the same victims compete: the lowest is kept as the lower bound, with
    its own qualifiers, and every figure is kept with its source.
    """
    tolls = Tolls()
    by_class: dict[TollKind, list[list[_Figure]]] = {}
    for figure in _plausible(text):
        if tolls.victims is None and figure.who:
            tolls.victims = figure.who
        groups = by_class.setdefault(figure.toll, [])
        if groups and _competes(groups[-1][0], figure):
            groups[-1].append(figure)
        else:
            groups.append([figure])
    for toll, groups in by_class.items():
        lowest = [min(group, key=lambda f: f.value) for group in groups]
        setattr(tolls, toll.value, sum(f.value for f in lowest))
        for figure in lowest:
            tolls.flags.update(figure.flags)
        for group in groups:
            if len(group) > 1:
                tolls.flags.add(TollFlag.COMPETING)
                tolls.figures.extend(_stated(f) for f in group)
    return tolls
