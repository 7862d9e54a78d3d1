"""What counts as an attack: the dates in a sentence that anchor an event, and the events that
are not attacks (hostage releases, period totals, security operations, background)."""

import re
from dataclasses import dataclass
from functools import lru_cache

from crtdiff.extract.cues import cue_automaton, cues_in
from crtdiff.extract.dates import DatePhrase, find_dates
from crtdiff.schemas import DatePrecision
from crtdiff.text.caseless import caseless, lower_plain

_EVENT_WORDS = (
    r"\battack(?!er)|bomb|explosi|blast|kidnap|abduct|ambush|assault|\bkill(?:ed|ing)|siege|"
    r"\bshot\b|shooting|\braid|hostage|\bieds?\b|suicide|rocket|mortar|assassinat|massacre|"
    r"stormed|stabb|behead|\bexecuted\b|detonat|gunfire|opened fire|hack(?:ed|ing) to death"
)
EVENT = re.compile(_EVENT_WORDS, re.IGNORECASE)
"""A word that names a violent event ("attacker" is a person, not an event)."""
_EVENT_LOWER = re.compile(_EVENT_WORDS)
_EVENT_STEMS = ("attack", "bomb", "explosi", "blast", "kidnap", "abduct", "ambush", "assault",
                "kill", "siege", "shot", "shooting", "raid", "hostage", "ied", "suicide",
                "rocket", "mortar", "assassinat", "massacre", "stormed", "stabb", "behead",
                "executed", "detonat", "gunfire", "opened", "hack")  # fmt: skip
_EVENT_CUES = cue_automaton(_EVENT_STEMS)
"""A part of every event word, found in one pass: most sentences hold none."""


@lru_cache(maxsize=16384)
def names_event(text: str) -> bool:
    """The text names a violent event: a cue first (cheap), then the words themselves on the
    lower-cased text (a case-insensitive search costs ten times as much). Kept per process:
    sentences carry over from year to year."""
    low = text.lower()
    return bool(cues_in(_EVENT_CUES, low)) and _EVENT_LOWER.search(low) is not None


_EVENT_NOUN = (
    r"(?:attacks?|bombings?|kidnappings?|abductions?|ambush(?:es)?|assaults?|sieges?|"
    r"explosions?|blasts?|massacres?|hostage-taking|killings?|stabbings?|shootings?|"
    r"assassinations?|beheadings?|raids?|strikes?|car bombs?|truck bombs?|IED)"
)
# "the January 18 attack", "a June 30 stabbing", "the November 20, 2015, attack": a date that
# qualifies an event noun (up to three words between them: "twin suicide bombings"). The comma
# only closes a written year: "claimed the attack in October, its first claimed attack" is not.
_ATTRIBUTIVE = re.compile(rf"^\s+(?:[\w’'-]+\s+){{0,3}}?{_EVENT_NOUN}\b", re.IGNORECASE)
_ATTRIBUTIVE_AFTER_YEAR = re.compile(
    rf"^,?\s+(?:[\w’'-]+\s+){{0,3}}?{_EVENT_NOUN}\b", re.IGNORECASE
)
# "gunmen shot and killed a local chief in Wajir town on November 3 as he left", "An IED
# explosion that killed three police officers near Mandera on October 27 was attributed to":
# a date after "on", in the clause of a violent verb that comes before it.
_ON_BEFORE = re.compile(r"\bon\s+(?:the\s+night\s+of\s+)?$", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[;,:(]")
_NOT_DOER_VERB = re.compile(
    r"\b(?:claim\w*|arrest\w*|convict\w*|sentenc\w*|releas\w*|freed|rescued|condemn\w*|"
    r"charg\w*|tried|announc\w*|report\w*|said|says|stat\w+|denied|prosecut\w*|"
    r"detain\w*|captured|killed (?:\w+ ){0,3}?(?:militants?|terrorists?|attackers?|"
    r"suspects?|insurgents?|fighters)|(?:air|drone|missile) ?strikes?)\b",
    re.IGNORECASE,
)
_WHEN = re.compile(r"^,?\s+when\b")
_ON_CLAUSE = re.compile(r"\bon\s+$", re.IGNORECASE)
_LEAD_PREFIX = re.compile(
    r"^[\s\W]*(?:(?:On|In|During|At|Around|Early|Late|From|Between|Beginning|Starting)\b"
    r"[^,;.]{0,30})?$"
)
_LIST_JOIN = re.compile(r"^\s*(?:,\s*and|,|and)\s*$")
_PERIOD_BEFORE = re.compile(
    r"\b(?:through|thru|by|since|until|till|as of|up to|throughout|before)\s+(?:the\s+)?"
    r"(?:(?:end|beginning|start|middle)\s+of\s+)?$",
    re.IGNORECASE,
)
_RELEASE = re.compile(
    r"\b(?:released|releasing|freed|freeing|liberated|rescued|escaped|handed over|set free|"
    r"(?:was|were) returned|exchanged)\b",
    re.IGNORECASE,
)
_VIOLENT_VERB = re.compile(
    r"\b(?:attack(?:ed|ing)?|kill(?:ed|ing)?|kidnap(?:ped|ping)?|abduct(?:ed|ing)?|"
    r"bomb(?:ed|ing)|detonat\w*|explod\w*|storm(?:ed|ing)|ambush(?:ed|ing)?|assassinat\w*|"
    r"shot|shoot(?:ing)?|stabb\w*|behead\w*|execut(?:ed|ing)|opened fire|raid(?:ed|ing))\b",
    re.IGNORECASE,
)
_OP_VERB = re.compile(
    r"\b(?:raided|killed|launched|conducted|carried out|arrested|captured|freed|rescued|"
    r"neutrali[sz]ed|dismantled|destroyed|struck|targeted|attacked|ambushed|"
    r"engaged|pursued|detained|seized|bombed|shelled|stormed|ended|convicted|"
    r"sentenced|executed|tried)\b",
    re.IGNORECASE,
)
_DOER_END = re.compile(r"\s(?:on|against|in|near|at|targeting|from|over|inside|outside)\s")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being)\s+(?:\w+\s+)?$", re.IGNORECASE)
STATE_ACTOR = re.compile(
    r"\b(?:police(?:men)?|army|military|troops|soldiers|(?:security |armed |special |defen[cs]e )?"
    r"forces|gendarmes?|gendarmerie|commandos|(?:air|drone) ?strikes?|airstrikes?|authorities|"
    r"marines|navy|national guard|counterterrorism unit|task force|aircraft|warplanes|jets|"
    r"helicopters|drones|air force|coalition|(?:criminal |military )?"
    r"courts?|judges?|tribunals?|government)\b",
    re.IGNORECASE,
)
ATTACKER = re.compile(
    r"\b(?:gunm[ae]n|militants?|attackers?|assailants?|(?:suicide )?bombers?|terrorists?|"
    r"insurgents?|extremists?|fighters|kidnappers|jihadists?|rebels?|unknown|unidentified|"
    r"armed men|members of)\b",
    re.IGNORECASE,
)

_RELEASE_LOW, _VIOLENT_LOW, _OP_VERB_LOW, _PASSIVE_LOW, _ATTACKER_LOW, _STATE_LOW = (
    caseless(p) for p in (_RELEASE, _VIOLENT_VERB, _OP_VERB, _PASSIVE_BEFORE, ATTACKER, STATE_ACTOR)
)
"""The same patterns, searched in lower-cased text where that is the same (text/caseless.py)."""


@dataclass(frozen=True)
class Anchor:
    """A date of the report year that dates an event of the sentence, and the part of the
    sentence that tells that event."""

    date: DatePhrase
    start: int
    end: int
    leading: bool
    """The date opens the sentence ("On July 8 and September 6, gunmen attacked ...")."""
    closing: bool = False
    """The date closes its event's clause ("... killed a local chief on November 3"): the
    event's doer and verb come before it."""


def _leading(text: str, dates: list[DatePhrase]) -> list[DatePhrase]:
    """The dates that open a sentence: the first, and those listed with it."""
    if not dates or not _LEAD_PREFIX.match(text[: dates[0].start]):
        return []
    out = [dates[0]]
    for phrase in dates[1:]:
        if not _LIST_JOIN.match(text[out[-1].end : phrase.start]):
            break
        out.append(phrase)
    return out


def _attributive(text: str, phrase: DatePhrase) -> bool:
    """An event noun follows the date ("the January 18 attack"; after a written year, past its
    comma: "the November 20, 2015, attack")."""
    attributive = _ATTRIBUTIVE_AFTER_YEAR if phrase.explicit_year is not None else _ATTRIBUTIVE
    return attributive.match(text[phrase.end :]) is not None  # `^`: a slice, not a pos


def qualifies_event(text: str, phrase: DatePhrase) -> bool:
    """The date qualifies an event noun inside the sentence ("AQIM also claimed the March 13
    attack on Grand-Bassam"): an event mentioned in passing, not told."""
    return _LEAD_PREFIX.match(text[: phrase.start]) is None and _attributive(text, phrase)


def _inline(text: str, phrase: DatePhrase) -> bool:
    """A date inside a sentence that dates an event: "the January 18 attack", "including May
    24, when two suicide bombers ...", "... and, on May 3, gunmen attacked ..."."""
    after = text[phrase.end :]
    if _attributive(text, phrase) or _WHEN.match(after):
        return True
    if _ON_CLAUSE.search(text[: phrase.start]) and after.startswith(","):
        clause = re.split(r"[;.]", after, maxsplit=1)[0]
        return names_event(clause)
    return False


def _closing(text: str, phrase: DatePhrase) -> bool:
    """A date that closes its event's clause ("gunmen killed a local chief in Wajir town on
    November 3 as he left a mosque"): after "on", with a violent verb earlier in its clause and
    no verb of what others did about an event (a claim, an arrest, a release, a trial)."""
    before = text[: phrase.start]
    if not _ON_BEFORE.search(before):
        return False
    starts = [m.end() for m in _CLAUSE_START.finditer(before)]
    clause = before[starts[-1] if starts else 0 :]
    return _VIOLENT_VERB.search(clause) is not None and _NOT_DOER_VERB.search(clause) is None


def _owned_by_earlier(text: str, anchor: DatePhrase, earlier: list[DatePhrase]) -> bool:
    """True when the event the anchor seems to date is nearer a date of an earlier year ("a
    video in July showing the citizen abducted on December 24, 2016")."""
    if not earlier:
        return False
    event = EVENT.search(text, anchor.end) or EVENT.search(text)
    if event is None:
        return False
    mine = abs(event.start() - anchor.end)
    return any(min(abs(event.start() - p.end), abs(p.start - event.end())) < mine for p in earlier)


def find_anchors(text: str, year: int, *, bullet: bool) -> list[Anchor]:
    """Event dates of the report year in a sentence, each with its part of the sentence.

    The dates that open the sentence share it; a date inside it dates the event it qualifies,
    up to the next such date. In a bullet, a date anywhere dates the bullet's event."""
    dates = find_dates(text, year)
    current = [
        p
        for p in dates
        if p.explicit_year in (None, year) and p.precision is not DatePrecision.YEAR
    ]
    earlier = [p for p in dates if p.explicit_year is not None and p.explicit_year < year]
    lead = _leading(text, current)
    if bullet and not lead and current:
        lead = [current[0]]
    inline = [p for p in current if p not in lead and _inline(text, p)]
    if lead and inline and inline[0].start < lead[-1].end:
        inline = [p for p in inline if p.start > lead[-1].end]
    if not lead and not inline and len(current) == 1 and _closing(text, current[0]):
        # The sentence's one date closes the clause of its event: the whole sentence is its.
        return [Anchor(current[0], 0, _end_before(text, earlier, 0), False, closing=True)]
    starts = sorted(p.start for p in inline)
    anchors: list[Anchor] = []
    lead_end = starts[0] if starts else len(text)
    anchors += [Anchor(p, 0, _end_before(text, earlier, 0, lead_end), True) for p in lead]
    for phrase in inline:
        following = [s for s in starts if s > phrase.start]
        end = _end_before(text, earlier, phrase.end, following[0] if following else len(text))
        anchors.append(Anchor(phrase, phrase.start, end, False))
    return [a for a in anchors if not _owned_by_earlier(text, a.date, earlier)]


def _end_before(text: str, earlier: list[DatePhrase], start: int, end: int | None = None) -> int:
    """Where an event's part of the sentence ends: before an earlier year's event named after
    it ("The April 2 attack on Garissa ... was the deadliest since the August 1998 bombing of
    the U.S. Embassy in Nairobi": Nairobi is the 1998 bombing's place, not the attack's)."""
    end = len(text) if end is None else end
    for phrase in earlier:
        if start <= phrase.start < end and _inline(text, phrase):
            return phrase.start
    return end


def period_dated(text: str, anchor: Anchor) -> bool:
    """The date closes a period ("through December, IEDs had killed 10 soldiers")."""
    return bool(_PERIOD_BEFORE.search(text[: anchor.date.start]))


def is_release(segment: str) -> bool:
    """A hostage release, rescue or escape told before any violence."""
    low = lower_plain(segment)
    release = _RELEASE_LOW.first(segment, low)
    if release is None:
        return False
    violent = _VIOLENT_LOW.first(segment, low)
    return violent is None or release < violent


def is_state_operation(
    segment: str, after: int, state_spans: list[tuple[int, int]], group_spans: list[tuple[int, int]]
) -> bool:
    """The event's doer is a state force: "police raided a house", "Detachment 88 killed a
    suspect", "French forces conducted a raid". `after` is where to look for the verb (past the
    opening date); spans are relative to the segment."""
    low = lower_plain(segment)
    verb = _OP_VERB_LOW.first(segment, low, after)
    if verb is None or _PASSIVE_LOW.search(segment[:verb], low and low[:verb]):
        return False
    start = max(segment.rfind(";", 0, verb) + 1, after)
    # The doer is the subject up to its first preposition: "a U.S. airstrike on an ISIS-Libya
    # camp killed ..." is the airstrike's doing, not the group's.
    cut = _DOER_END.search(segment, start, verb)
    end = cut.start() if cut else verb
    subject, low_subject = segment[start:end], low and low[start:end]
    if _ATTACKER_LOW.search(subject, low_subject) or any(start <= s < end for s, _ in group_spans):
        return False
    named = any(start <= s < end for s, _ in state_spans)
    return named or _STATE_LOW.search(subject, low_subject)
