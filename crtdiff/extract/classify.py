"""Kind and target of an incident, and who the text says did it: keyword rules in GTD order."""

import re

from crtdiff.schemas import Attribution, IncidentKind, Target
from crtdiff.text.caseless import caseless, lower_plain

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
            r"convoy|\bpatrol|training mission|Barkhane|\bFAMa\b|"
            r"(?<!refugee )(?<!displaced )\bcamp\b(?! for (?:displaced|internally|refugees))",
            re.I,
        ),
    ),
    (Target.POLICE, re.compile(r"police|gendarm|checkpoint|security post", re.I)),
    (
        Target.GOVERNMENT,
        re.compile(
            r"official|mayor|minister|governor|government|prefect|\bjudge|courthouse|"
            r"parliament|village chief|palace|presidential|ministr|prison",
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
    r"responsibility (?:was|had been) claimed|later claimed|\bclaimed\b the attack",
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
    return IncidentKind.OTHER


def classify_target(
    main: str, forces: list[tuple[int, Target]] | None = None, *, foreign: bool = False
) -> Target:
    """The incident's main target: the first kind of target, in the order of _TARGETS, that
    the sentence names by a word or by a state force attacked (`forces`: offset and the
    target an attack on that force has); `foreign` when it names victims of another
    country ("a French woman", "two Spanish aid workers")."""
    named = {target for _, target in forces or []}
    if foreign:
        named.add(Target.FOREIGNERS)
    low = lower_plain(main)
    for target, pattern in _TARGETS_LOW:
        if target in named or pattern.search(main, low):
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
