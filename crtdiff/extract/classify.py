"""Kind and target of an incident, and who the text says did it: keyword rules in GTD order."""

import re

from crtdiff.schemas import Attribution, IncidentKind, Target
from crtdiff.text.caseless import caseless, lower_plain

_SLEW = r"shot|stabbed|hacked|killed|murdered|gunned down|beheaded"
_ROLE = (
    r"(?:chief|mayor|official|judge|prosecutor|writer|blogger|activist|cleric|imam|priest|"
    r"pastor|journalist|politician|lawmaker|legislator|governor|commander|colonel|general|"
    r"professor|publisher|councill?or|(?:wife|husband|son|daughter) of)\b"
)
"""One person targeted for who they are (gold README: an officer, an official, a cleric, an
activist)."""

_KINDS: list[tuple[IncidentKind, re.Pattern[str]]] = [
    (
        IncidentKind.SUICIDE_OR_VBIED,
        re.compile(
            r"suicide|vehicle-borne|\bS?VBIEDs?\b|car bomb|truck bomb|"
            r"blew (?:himself|herself|themselves) up",
            re.I,
        ),
    ),
    (
        IncidentKind.ROCKET_MORTAR,
        re.compile(r"\brockets?\b|\bmortars?\b|\bshell(?:ed|ing)\b|indirect fire", re.I),
    ),
    (
        IncidentKind.BOMBING,
        re.compile(
            r"\bIEDs?\b|improvised explosive|\bbomb|explosi|land ?mines?|grenade|detonat", re.I
        ),
    ),
    (IncidentKind.ASSASSINATION, re.compile(r"assassinat|targeted killing", re.I)),
    (IncidentKind.KIDNAPPING, re.compile(r"kidnap|abduct|hostage|taken captive", re.I)),
    (
        IncidentKind.ARMED_ASSAULT,
        re.compile(
            r"\battack|ambush|gunmen|gunfire|\bshot\b|shooting|\braid|assault|storm|opened fire|"
            r"\bclash|besieg|siege|overran|stabb|knife|machete|struck|\bkill(?:ed|ing)\b|"
            r"\bmurder",
            re.I,
        ),
    ),
]
# One person of a role struck: "shot and killed a local chief", "stabbed and shot dead the wife
# of a police superintendent", and with the victim named first, "The writer Nahed Hattar, whom a
# gunman shot dead". Kept apart from the kind patterns: searched in lower-cased text without
# IGNORECASE, the first opening on a verb (its first letters skip most positions), the second
# only where ", whom " stands.
_SLAIN = re.compile(
    rf"\b(?:{_SLEW})(?: and (?:{_SLEW}))?(?: dead| to death)? (?:a|an|the) "
    rf"(?:[\w-]+ ){{0,2}}?{_ROLE}"
)
_NAMED_FIRST = re.compile(
    rf"{_ROLE} (?:[\w’'-]+ ){{1,3}}?[\w’'-]+, whom (?:[\w-]+ ){{1,3}}?(?:{_SLEW})"
)


def _one_person_slain(text: str, low: str | None) -> bool:
    """The text tells the killing of one person for who they are (an assassination)."""
    low = text.lower() if low is None else low
    if _SLAIN.search(low) is not None:
        return True
    return ", whom " in low and _NAMED_FIRST.search(low) is not None


# A kidnapping is one when no attack is named; an attack that also took hostages stays an attack.
_ATTACK = re.compile(
    r"\battack|ambush|\braid|assault|storm|opened fire|\bclash|besieg|siege|overran", re.I
)

_TARGETS: list[tuple[Target, re.Pattern[str]]] = [
    (
        Target.UN_PEACEKEEPERS,
        re.compile(
            r"peacekeep|MINUSMA|AMISOM|ATMIS|MONUSCO|MINUSCA|\bUN (?:camp|base|convoy|compound|"
            r"mission|personnel)|United Nations",
            re.I,
        ),
    ),
    (
        Target.MILITARY,
        re.compile(
            r"soldier|troops|military|\barmy\b|armed forces|\bbase\b|barracks|(?:military|army) "
            r"convoy|(?<!police )\bpatrol|training mission|Barkhane|\bFAMa\b|"
            r"(?<!refugee )(?<!displaced )\bcamp\b(?! for (?:displaced|internally|refugees))",
            re.I,
        ),
    ),
    (Target.POLICE, re.compile(r"police|gendarm|checkpoint|security post", re.I)),
    (
        Target.GOVERNMENT,
        re.compile(
            r"official|mayor|minister|governor|government|prefect|\bjudge|courthouse|"
            r"parliament|(?:village|local|area|tribal|traditional|district|county) chief|palace|"
            r"presidential|ministr|prison|\bcustoms\b",
            re.I,
        ),
    ),
    (
        Target.FOREIGNERS,
        re.compile(
            r"citizen|westerner|foreign|tourist|expatriate|aid worker|embassy|consulate|\bnun\b|"
            r"missionar|geologist",
            re.I,
        ),
    ),
    (
        Target.CIVILIANS,
        re.compile(
            r"civilian|villag|market|restaurant|hotel|church|mosque|school|\bpeople\b|"
            r"worshipper|resort|bus\b|passengers|residents|shopping|bakery|nightclub|"
            r"\bcafe|displaced|refugee|blogger|writer|activist|priest|\bmonk|pastor|imam|"
            r"cleric|teacher|student|journalist|farmer|women|children|girls|rally|crowd|"
            r"gathering|wedding|funeral|festival|stadium|hospital|university|\bmall\b|\bbar\b",
            re.I,
        ),
    ),
]
"""In the order of the gold conventions: the first kind of target the text names wins."""

_UNCLAIMED = re.compile(
    r"no (?:one|group|organi[sz]ation) (?:has |had )?(?:yet )?claimed|(?:was|were|remained|"
    r"went) unclaimed|has not been claimed|no claim of responsibility|did not claim",
    re.I,
)
_CLAIMED = re.compile(
    r"claimed (?:responsibility|credit)|claimed by|took (?:responsibility|credit)|"
    r"responsibility (?:was|had been) claimed|later claimed|"
    r"\bclaimed\b (?:the |both |these |all |its )?(?:[\w-]+ ){0,2}?(?:attacks?|bombings?|"
    r"kidnappings?|abductions?|killings?|assassinations?|ambush(?:es)?|explosions?|blasts?|"
    r"raids?)\b",
    re.I,
)
_SUSPECTED = re.compile(
    r"suspected|believed (?:to|that)|attribut\w+ (?:[\w’'-]+ ){0,3}?to\b|\bblamed\b|"
    r"allegedly|presumed|"
    r"reportedly (?:carried out|responsible)|\b(?:likely|probably|possibly)\b|"
    r"affiliated with|linked to|associated with|hallmarks? of",
    re.I,
)


_KINDS_LOW = [(kind, caseless(pattern)) for kind, pattern in _KINDS]
_TARGETS_LOW = [(target, caseless(pattern)) for target, pattern in _TARGETS]
_ATTACK_LOW, _UNCLAIMED_LOW, _CLAIMED_LOW, _SUSPECTED_LOW = (
    caseless(p) for p in (_ATTACK, _UNCLAIMED, _CLAIMED, _SUSPECTED)
)


def classify_kind(main: str, context: str) -> IncidentKind:
    """The incident's kind, read from its main sentence first, then its follow-up sentences."""
    for text in (main, context):
        low = lower_plain(text)
        for kind, pattern in _KINDS_LOW:
            if kind is IncidentKind.KIDNAPPING and _ATTACK_LOW.search(text, low):
                continue
            if pattern.search(text, low):
                return kind
            if kind is IncidentKind.ASSASSINATION and _one_person_slain(text, low):
                return kind
    return IncidentKind.OTHER


def classify_target(
    main: str, forces: list[tuple[int, Target]] | None = None, *, foreign: bool = False
) -> Target:
    """The incident's main target: the first kind of target, in the order of _TARGETS, that
    the sentence names by a word or by a state force attacked (`forces`: offset and the
    target an attack on that force has); `foreign` when it names victims of another
    country ("a French woman", "two Spanish aid workers")."""
    # What the attack struck, not where it was ("shot dead ... outside the Palace of Justice",
    # "struck a JAF post near the Rukban refugee camp"): the place's phrase is read only when
    # the rest names no target ("a bomb exploded outside a police station").
    spans = [m.span() for m in _NEAR_PHRASE.finditer(main)]
    if spans:
        masked = _NEAR_PHRASE.sub(lambda m: " " * len(m.group()), main)
        kept = [(at, t) for at, t in forces or [] if not any(s <= at < e for s, e in spans)]
        found = _first_target(masked, kept, foreign)
        if found is not Target.OTHER:
            return found
    return _first_target(main, forces or [], foreign)


_NEAR_PHRASE = re.compile(r"\b(?:outside|near|in front of|opposite|next to|close to)\b[^,;]*")


def _first_target(text: str, forces: list[tuple[int, Target]], foreign: bool) -> Target:
    named = {target for _, target in forces}
    if foreign:
        named.add(Target.FOREIGNERS)
    low = lower_plain(text)
    for target, pattern in _TARGETS_LOW:
        if target in named or pattern.search(text, low):
            return target
    return Target.OTHER


def classify_attribution(text: str, has_perpetrators: bool) -> Attribution:
    """Claimed and suspected are different facts; no group named and no claim is unknown. A
    group suspected of an attack no one claimed is suspected."""
    low = lower_plain(text)
    if _UNCLAIMED_LOW.search(text, low):
        if _SUSPECTED_LOW.search(text, low) and has_perpetrators:
            return Attribution.SUSPECTED
        return Attribution.UNCLAIMED
    if _CLAIMED_LOW.search(text, low):
        return Attribution.CLAIMED
    if _SUSPECTED_LOW.search(text, low) and has_perpetrators:
        return Attribution.SUSPECTED
    return Attribution.UNKNOWN
