"""What every incident rule needs to know about the chapter."""

from dataclasses import dataclass, field

from crtdiff.reference.countries import CountryTable
from crtdiff.reference.country_terms import CountryTerms
from crtdiff.reference.names import NameHit
from crtdiff.reference.places import PlaceTable
from crtdiff.schemas import (
    Target,
)


@dataclass(frozen=True)
class Context:
    """What every incident rule needs to know about the chapter."""

    country: str
    year: int
    countries: CountryTable
    groups: list[NameHit]
    """Group mentions (after acronym resolution), in body order."""
    blocked: list[tuple[int, int]]
    """Spans of every group, organisation and state-force name: never places."""
    places: PlaceTable | None = None
    forces: list[tuple[int, int, Target]] = field(default_factory=list)
    """Spans of state-force mentions and the target an attack on each has."""
    terms: CountryTerms | None = None
    """Names, demonyms and places of every country (a victim's nationality)."""
