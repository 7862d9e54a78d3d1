"""The status of a legal measure (drafted, adopted, in force, sentenced...), read from the clause
that names it: its kind's own statuses first, then the one said nearest the measure."""

import re

from crtdiff.extract.legal_rules import K, rule_re
from crtdiff.schemas import LegalMeasureKind, LegalStatus

_STRONG_STATUS = [
    (LegalStatus.EXTENDED, rule_re(r"\b\w+ed again\b|\bre-?promulgat\w*")),
    (
        LegalStatus.PROPOSED,
        rule_re(
            r"\b(?:draft|bill)s?\b.*\b(?:sent|submitt\w*|introduc\w*|tabled)\b|"
            r"\b(?:sent|submitt\w*|introduc\w*|tabled)\b.*\b(?:draft|bill)s?\b|"
            r"\bremain\w* (?:pending|before)\b|\bpending (?:before|in)\b|"
            r"before (?:the )?(?:National Assembly|Parliament|Congress|Senate)"
        ),
    ),
    (
        LegalStatus.IN_FORCE,
        rule_re(
            r"(?<!which )(?:came (?:fully )?into force|entered into force|took effect)|"
            r"\b(?:remain\w*|is|was) in (?:force|effect)\b|\brests? on\b|"
            r"\b(?:remain\w*|provided|provides|constitut\w+|serve[sd]?) (?:as )?"
            r"(?:the|its|their|[\w-]+[’']s) (?:[\w’'-]+ ){0,3}(?:basis|law|framework)\b"
        ),
    ),
    # A vote of the legislature, whatever the measure does ("parliament passed amendments ...
    # that extended asset-freezing powers").
    (
        LegalStatus.PASSED,
        rule_re(
            r"\b(?:National Assembly|Parliament|Congress|Senate|legislature|lawmakers)\s+"
            r"(?:\w+\s+){0,2}?(?:passed|voted)\b"
        ),
    ),
]
"""Statuses that hold whatever else the clause says ("passed in 2009, came into force")."""
_RELATIVE = re.compile(r"\b(?:that|which|who)\b")
_LEGISLATURE = re.compile(
    r"\b(?:National Assembly|Parliament|Congress|Senate|[Ll]egislature)\b(?:\s+\w+){0,2}\s+"
    r"(?:adopt|approv|enact)"
)
_NOT_SENT = rule_re(r"\bnot (?:yet )?(?:been )?(?:sent|submitt\w*|introduc\w*|presented|tabled)")
_STATUS = [
    (LegalStatus.DRAFTED, rule_re(r"\bdraft(?:ed|ing|s)?\b|being drafted")),
    (
        LegalStatus.PROPOSED,
        rule_re(r"\bpropos\w*|\bsubmitt\w*|\bintroduc\w*|\bpending\b|under consideration"),
    ),
    (LegalStatus.SIGNED, rule_re(r"\bsigned\b|\bagreed\b")),
    (LegalStatus.PASSED, rule_re(r"\bpassed\b|\bvoted\b|\bamended\b")),
    (
        LegalStatus.ADOPTED,
        rule_re(
            r"\badopt\w*|\bvalidat\w*|\bapprov\w*|\bratif\w*|\benact\w*|\bpromulgat\w*|"
            r"\bannounc\w*|\bbanned\b|\bprohibited\b|\boutlawed\b"
        ),
    ),
    (
        LegalStatus.IN_FORCE,
        rule_re(
            r"incorporated provisions|\bestablish\w*|\bcreat\w*|\bcriminaliz\w*|\bcriminalis\w*|"
            r"\ballows?\b|\bgives?\b|\bprovides?\b|\bprosecutes\b|\bremain\w*"
        ),
    ),
    (LegalStatus.EXTENDED, rule_re(r"\bextend\w*|\brenew\w*|\bprolong\w*")),
    (
        LegalStatus.IMPLEMENTED,
        rule_re(r"\bimplement\w*|\bcirculat\w*|\bprosecuted\b|\bfroze(?:n)?\b"),
    ),
]
"""The other statuses: the one said nearest the measure's name wins ("continued to implement
its peace agreement with the MILF, which signed ..." is implemented)."""
_KIND_STATUS: dict[LegalMeasureKind, list[tuple[LegalStatus, re.Pattern[str]]]] = {
    K.CONVICTION: [(LegalStatus.SENTENCED, rule_re(r"\bsentenc(?:ed|e|ing)\b|\bconvict"))],
    K.STATE_OF_EMERGENCY: [
        (LegalStatus.EXTENDED, rule_re(r"\bextend\w*|\brenew\w*|\bprolong\w*")),
        (LegalStatus.IN_FORCE, rule_re(r"\bremain\w* in (?:effect|force|place)\b|\bunder\b")),
        (LegalStatus.ADOPTED, rule_re(r"\bdeclar\w*|\bimpos\w*")),
    ],
    K.REPARATIONS_ORDER: [
        (LegalStatus.IN_FORCE, rule_re(r"\bconfirm\w*|\bupheld\b")),
        (LegalStatus.ISSUED, rule_re(r"\border\w*|\bawarded\b|\bissu\w+")),
    ],
    K.ARREST_WARRANT: [(LegalStatus.ISSUED, rule_re(r"\bissu\w+|\bobtain\w*"))],
    K.EXTRADITION: [
        (LegalStatus.IMPLEMENTED, rule_re(r"\bextradited\b|\bsurrendered\b|\btransferred\b"))
    ],
    K.DESIGNATION: [
        (LegalStatus.IN_FORCE, rule_re(r"\bremain\w* (?:on|listed|designated)\b")),
        (
            LegalStatus.ADOPTED,
            rule_re(r"\bdesignat\w+|\bdeclar\w+|\bproscri\w+|\bplaced\b|\badded\b"),
        ),
    ],
}
"""Statuses of kinds of their own, tried first; a kind listed here has no other status (an
extradition happened or did not)."""


_ANY_STATUS = re.compile(
    "|".join(f"(?P<s{rank}>{pattern.pattern})" for rank, (_, pattern) in enumerate(_STATUS)),
    re.IGNORECASE,
)
"""Every status word of _STATUS in one pass over the clause (the group says which)."""


def measure_status(
    kind: LegalMeasureKind, clause: str, trigger: tuple[int, int]
) -> LegalStatus | None:
    """The measure's status, read in its own clause: a status of its kind, then one that holds
    whatever else is said, then the status word nearest its name."""
    own = _KIND_STATUS.get(kind)
    if own is not None:
        return next((status for status, pattern in own if pattern.search(clause)), None)
    for status, pattern in _STRONG_STATUS:
        negated = status is LegalStatus.PROPOSED and _NOT_SENT.search(clause)
        if pattern.search(clause) and not negated:
            return status
    start, end = trigger
    nearest: tuple[int, int, LegalStatus] | None = None
    for match in _ANY_STATUS.finditer(clause):
        rank = int((match.lastgroup or "s0")[1:])
        status = _STATUS[rank][0]
        # The verb that governs the name comes before it ("amended the penal code to
        # criminalize ..."): a word after it counts as twice as far.
        if match.end() <= start:
            distance = start - match.end()
        else:
            # ... and one in a relative clause ("the penal code that criminalizes ...")
            # says what the measure does, not what happened to it.
            gap = clause[end : match.start()]
            distance = 2 * len(gap) + 1 + (100 if _RELATIVE.search(gap) else 0)
        if nearest is None or (distance, rank) < nearest[:2]:
            nearest = (distance, rank, status)
    if nearest is None:
        return None
    if nearest[2] is LegalStatus.ADOPTED and _LEGISLATURE.search(clause):
        return LegalStatus.PASSED  # a parliament that adopts a law votes it
    return nearest[2]
