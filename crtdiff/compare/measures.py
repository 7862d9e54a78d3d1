"""Legal measures and organisations across two years."""

from rapidfuzz import fuzz

from crtdiff.schemas import CountryReport, LegalMeasure, Organisation
from crtdiff.schemas.diff import LegalDiff, OrganisationRef, OrganisationsDiff, StatusChange
from crtdiff.text.normalize import match_key

SUBJECT_MATCH = 70
"""Least token-set similarity (0-100) of two subjects of one kind to be the same measure."""


def same_measure(a: LegalMeasure, b: LegalMeasure) -> bool:
    """Same kind, and subjects that name the same thing."""
    if a.kind is not b.kind:
        return False
    if a.evidence.sentence == b.evidence.sentence:
        return True
    return fuzz.token_set_ratio(match_key(a.subject), match_key(b.subject)) >= SUBJECT_MATCH


def pair_measures(
    old: list[LegalMeasure], new: list[LegalMeasure]
) -> tuple[list[tuple[LegalMeasure, LegalMeasure]], list[LegalMeasure], list[LegalMeasure]]:
    """One-to-one pairs of the same measure, then the new-only and old-only measures."""
    free = list(old)
    pairs = []
    fresh = []
    for measure in new:
        match = next((o for o in free if same_measure(o, measure)), None)
        if match is None:
            fresh.append(measure)
        else:
            free.remove(match)
            pairs.append((match, measure))
    return pairs, fresh, free


def compare_measures(old: CountryReport, new: CountryReport) -> LegalDiff:
    """New measures, measures whose status moved, measures no longer mentioned."""
    pairs, fresh, gone = pair_measures(old.legal_measures, new.legal_measures)
    changed = [
        StatusChange(old=a, new=b, old_status=a.status, new_status=b.status)
        for a, b in pairs
        if a.status != b.status and b.status is not None
    ]
    return LegalDiff(new=fresh, status_changed=changed, no_longer_mentioned=gone)


def _org_ref(org: Organisation) -> OrganisationRef:
    return OrganisationRef(id=org.id, name=org.name, evidence=org.mentions[0].evidence)


def compare_organisations(old: CountryReport, new: CountryReport) -> OrganisationsDiff:
    """Organisations newly named, and no longer named."""
    a = {o.id for o in old.organisations}
    b = {o.id for o in new.organisations}
    return OrganisationsDiff(
        joined_or_new=[_org_ref(o) for o in new.organisations if o.id not in a],
        no_longer_mentioned=[_org_ref(o) for o in old.organisations if o.id not in b],
    )
