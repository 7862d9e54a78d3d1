"""Where an incident happened: the place as written, and the country it lies in."""

import re
from dataclasses import dataclass

from crtdiff.extract.dates import MONTHS
from crtdiff.reference.countries import CountryTable

_PARTICLES = {"de", "du", "al", "el", "of", "la", "le", "ad", "ash", "bin"}
_PLACE = re.compile(
    r"\b(?P<prep>in|at|near|outside|around|on the outskirts of|(?:neighbou?rhoods?|suburbs?|"
    r"outskirts|town|city|village|area|district|province) of|attack on|attacked|targeting)\s+"
    r"(?:the\s+(?:town|village|city|region|area|camp|commune)\s+of\s+|the\s+)?"
    r"(?P<place>[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|du|al|el|la|le))*)"
)
_COUNTRY_AFTER = re.compile(r",\s*(?P<country>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})")
_NOT_PLACES = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "response",
    "addition",
    "cooperation",
    "accordance",
    "support",
    "partnership",
    "coordination",
    "total",
    "order",
    "particular",
    "general",
    "early",
    "late",
    "mid",
    "government",
    "its",
    "his",
    "their",
}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_RANKS = {"attack on": 1, "attacked": 1, "targeting": 1, "near": 2, "around": 2}
_REGION_WORD = re.compile(r"\s+(?:region|province|state|department|area|district)\b", re.I)
_DEMONYM = re.compile(r"(?:ian|ien|ese|ish|ani|ali|ean|ois)$")


@dataclass(frozen=True)
class Place:
    """A place phrase and the country it designates or lies in."""

    place: str | None
    country: str | None
    start: int | None
    rank: int = 0
    """0 where it happened ("in Gao"), 1 what was attacked ("attacked the JW Marriott"),
    2 what it was close to ("near Bamako")."""


def _clean(candidate: str) -> str:
    words = candidate.split()
    while words and words[-1].lower() in _PARTICLES:
        words.pop()
    return " ".join(words)


def place_candidates(
    text: str, countries: CountryTable, blocked: list[tuple[int, int]] | None = None
) -> list[Place]:
    """Every place phrase after a location preposition, in order; a country name gives a
    candidate with no place (skipping names of groups, bodies, months and adjectives)."""
    blocked = blocked or []
    found: list[Place] = []
    for match in _PLACE.finditer(text):
        start, end = match.span("place")
        if any(s < end and start < e for s, e in blocked):
            continue
        candidate = _clean(match.group("place").rstrip(".,"))
        first = candidate.split()[0].lower().rstrip("’'s") if candidate else ""
        if not candidate or first in _NOT_PLACES or first in MONTHS or first in _WEEKDAYS:
            continue
        resolved = countries.resolve(candidate.removesuffix("’s").removesuffix("'s"))
        if resolved is not None:
            found.append(Place(None, resolved.name, start))
            continue
        if len(candidate.split()) == 1 and _DEMONYM.search(candidate) and candidate.istitle():
            continue  # "Malian", "Nigerien": adjectives, not places
        after = _COUNTRY_AFTER.match(text, end)
        follows = countries.resolve(after.group("country")) if after is not None else None
        rank = _RANKS.get(match.group("prep"), 0)
        found.append(Place(candidate, follows.name if follows else None, start, rank))
    return found


def find_place(
    text: str, countries: CountryTable, blocked: list[tuple[int, int]] | None = None
) -> Place:
    """The first place named, and the country: a country name sets the country and the search
    goes on for a town ("abducted in Niger along the Malian border" is in Niger, no town)."""
    candidates = place_candidates(text, countries, blocked)
    country = next((c.country for c in candidates if c.place is None), None)
    towns = [c for c in candidates if c.place is not None]
    # Where, then what, then near what: "attacked the JW Marriott ... in Jakarta" happened in
    # Jakarta; "attacked Le Campement Kangaba, a resort near Bamako" at the resort.
    towns.sort(key=lambda c: c.rank)
    for index, town in enumerate(towns):
        # "near Eagle Square in Abuja": the town the site lies in.
        inner = next((t for t in towns[index + 1 :] if _right_after(text, town, t)), None)
        chosen = inner or town
        return Place(chosen.place, chosen.country or town.country or country, chosen.start)
    return Place(None, country, None)


def _right_after(text: str, outer: Place, inner: Place) -> bool:
    """True when `inner` follows `outer` as "<outer> in <inner>"."""
    if outer.start is None or inner.start is None or outer.place is None:
        return False
    gap = text[outer.start + len(outer.place) : inner.start]
    after = text[inner.start + len(inner.place or "") :]
    # A town, not a region: "near Tiabongou in the Sahel region" happened in Tiabongou.
    return bool(re.fullmatch(r",?\s+in\s+", gap)) and not _REGION_WORD.match(after)


def place_near(
    text: str, position: int, countries: CountryTable, blocked: list[tuple[int, int]]
) -> Place:
    """The place named closest to a position (the date of an event mentioned in passing)."""
    towns = [c for c in place_candidates(text, countries, blocked) if c.place is not None]
    if not towns:
        return find_place(text[position:], countries)
    return min(towns, key=lambda c: abs((c.start or 0) - position))
