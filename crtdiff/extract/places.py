"""Where an incident happened: the place as written (and its canonical name when
data/reference/places.csv knows it), the region the text names with it, and the country."""

import re
from dataclasses import dataclass, replace

from crtdiff.extract.dates import MONTHS
from crtdiff.reference.countries import CountryTable
from crtdiff.reference.places import WIDE_LEVELS, PlaceTable
from crtdiff.reference.places import Place as PlaceRow

_PARTICLES = {"de", "du", "al", "el", "of", "la", "le", "ad", "ash", "bin", "del", "da", "di",
              "des", "es", "ez"}  # fmt: skip
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪİĶĹĽŁŃŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
_NAME_WORD = rf"(?:(?:al|el|ad|an|ar|as|ash|at|az|ez)-)?[{_UPPER}][\w’'.-]*"
_ADMIN = r"town|village|city|area|district|province|region|state|governorate|county"
_DIRECTION = (
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|northeastern|"
    r"northwestern|southeastern|southwestern|downtown|central|greater|old|rural)\s+)?"
)
_PLACE = re.compile(
    r"\b(?P<prep>in|In|at|on|near|outside|around|from|on the outskirts of|(?:neighbou?rhoods?|"
    rf"suburbs?|outskirts|cent(?:er|re)|{_ADMIN}) of|attack on|attacked|targeting|stormed|"
    r"struck|bombed|raided)\s+"
    rf"(?:the\s+(?:[a-z]+\s+)?(?P<kind>{_ADMIN}|island|camp|commune|resort)\s+of\s+|the\s+)?"
    rf"{_DIRECTION}"
    rf"(?P<place>{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|(?:del|des|de|du|al|el|la|le|da|di|es|ez)\b))*)"
)
_AND_MORE = re.compile(rf"\s+(?:and|&)\s+{_NAME_WORD}")
""""Jammu and Kashmir": a name with "and" in it, taken only when the table lists it."""
_COUNTRY_AFTER = re.compile(
    r",\s*(?P<country>[A-Z][\w’'-]*(?:\s+(?:of\s+(?:the\s+)?)?(?:d[’'])?[A-Z][\w’'-]*){0,3})"
)
""" "Grand-Bassam, Cote d'Ivoire", "Goma, Democratic Republic of the Congo": the name after a
comma (a country or a region)."""
_SITE_NOUNS = {"castle", "university", "college", "hotel", "airport", "international", "mosque",
               "church", "cathedral", "market", "stadium", "prison", "station", "mall",
               "hospital", "school", "square", "port", "museum", "temple", "shrine",
               "courthouse", "palace", "barracks"}  # fmt: skip
"""Words that make a town's name the name of a site in it ("the Karak Castle")."""
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
_RANKS = {"attack on": 1, "attacked": 1, "targeting": 1, "stormed": 1, "struck": 1,
          "bombed": 1, "raided": 1, "on": 1, "near": 2, "around": 2, "outside": 2,
          "from": 2}  # fmt: skip
_WIDE_AFTER = re.compile(
    r"\s+(?:region|province|state|department|area|district|governorate|county)\b", re.I
)
_TOWN_AFTER = re.compile(r"\s+(?:town|city|village)\b")
_NOUN_AFTER = re.compile(r"\s+(?!(?:town|city|village|in|at|on|near|and|of|from|with|to)\b)[a-z]")
_WIDE_WORD = re.compile(r"\s+(?:Region|State|Province|Governorate|County|Department|District)$")
_DEMONYM = re.compile(r"(?:ian|ien|ese|ish|ani|ali|ean|ois)$")


@dataclass(frozen=True)
class Place:
    """A place phrase and the country it designates or lies in."""

    place: str | None
    """As written (without a trailing "region" or "State")."""
    country: str | None
    start: int | None
    rank: int = 0
    """0 where it happened ("in Gao"), 1 what was attacked ("attacked the JW Marriott"),
    2 what it was close to ("near Bamako")."""
    written: str | None = None
    """The phrase exactly as it stands in the text."""
    region: str | None = None
    """The region the text names with it ("Bosso town in the Diffa region": Diffa)."""
    canonical: str | None = None
    """The name places.csv gives it; None when the table does not list it."""
    wide: bool = False
    """A region, district or area rather than a town or site."""
    level: str | None = None
    """Its level in the places table (region, district, town, area)."""
    within: str | None = None
    """The region the places table puts it in."""


def _clean(candidate: str) -> str:
    words = candidate.split()
    while words and words[-1] in _PARTICLES:
        words.pop()
    return " ".join(words)


def _resolve(
    written: str, wide: bool, town: bool, places: PlaceTable | None, home: str | None
) -> PlaceRow | None:
    """The table row a place phrase names: a region when the text says "region" ("the Diffa
    region"), a town when it says "town" or nothing ("Diffa")."""
    if places is None:
        return None
    if wide:
        for level in WIDE_LEVELS:
            row = places.lookup(written, home, level)
            if row is not None and row.level == level:
                return row
        return None
    row = places.lookup(written, home, "town" if town else None)
    return None if row is not None and town and row.level != "town" else row


def _candidate(
    match: re.Match[str],
    text: str,
    countries: CountryTable,
    places: PlaceTable | None,
    home: str | None,
) -> Place | None:
    start, _end = match.span("place")
    candidate = _clean(match.group("place").rstrip(".,"))
    first = candidate.split()[0].lower().rstrip("’'s") if candidate else ""
    if not candidate or first in _NOT_PLACES or first in MONTHS or first in _WEEKDAYS:
        return None
    bare = candidate.removesuffix("’s").removesuffix("'s")
    owner = re.match(r"(?P<town>.+?)[’']s\s", candidate)
    if owner is not None and places is not None and places.lookup(owner["town"], home, "town"):
        candidate = bare = owner["town"]  # "Dhaka’s Gulshan district", "Bamako’s Hotel Nord Sud"
    resolved = countries.resolve(bare)
    if resolved is not None:
        return Place(None, resolved.name, start)
    # "the Karak Castle", "Kabul International Airport": the town the site is in.
    town = _town_of_site(bare, places, home)
    candidate, bare = (town, town) if town else (candidate, bare)
    longer = _AND_MORE.match(text, start + len(candidate))
    if longer is not None and places is not None:
        joined = candidate + longer.group()
        if places.lookup(joined, home) is not None:
            candidate = bare = joined
    rank = _RANKS.get(match.group("prep"), 0)
    after_text = text[start + len(candidate) :]
    wide = bool(_WIDE_AFTER.match(after_text))
    row = _resolve(bare, wide, bool(_TOWN_AFTER.match(after_text)), places, home)
    shown = bare
    stripped = _WIDE_WORD.sub("", bare)
    if row is None and stripped != bare:
        shown, wide, row = stripped, True, _resolve(stripped, True, False, places, home)
    if row is None and len(candidate.split()) == 1 and _DEMONYM.search(candidate):
        return None  # "Malian", "Nigerien": adjectives, not places
    # "the Radisson hotel", "Chevron’s Okan platform" name a site
    named = text[:start].endswith(("the ", "The ")) or "’s " in candidate or "'s " in candidate
    if row is None and rank == 1 and not named and _NOUN_AFTER.match(after_text) and not wide:
        return None  # "attacked Tuareg civilians": a word that qualifies the victims
    if row is not None:
        wide = row.level in WIDE_LEVELS
    after = _COUNTRY_AFTER.match(text, start + len(candidate))
    follows = countries.resolve(after.group("country")) if after is not None else None
    country = row.country if row is not None else follows.name if follows else None
    region = None
    if after is not None and follows is None and not wide:
        region = _region_after(after, row, places, country or home)
    if match.group("kind") in ("town", "village", "city", "island"):
        rank = min(rank, 0)  # "the island of Koulfoua": a place of its own, not a site
    return Place(
        shown,
        country,
        start,
        rank,
        written=candidate,
        region=region,
        canonical=row.name if row is not None else None,
        wide=wide,
        level=row.level if row is not None else None,
        within=row.region if row is not None else None,
    )


def _town_of_site(name: str, places: PlaceTable | None, home: str | None) -> str | None:
    """The town a site's name begins with, when the rest names a site ("Karak Castle": Karak):
    an attack on a site in a town happened in the town."""
    words = name.split()
    if places is None or len(words) < 2 or words[-1].lower() not in _SITE_NOUNS:
        return None
    for cut in range(len(words) - 1, 0, -1):
        if not all(w.lower() in _SITE_NOUNS for w in words[cut:]):
            break
        town = " ".join(words[:cut])
        row = places.lookup(town, home, "town")
        if row is not None and row.level == "town":
            return town
    return None


def _region_after(
    after: re.Match[str], row: PlaceRow | None, places: PlaceTable | None, country: str | None
) -> str | None:
    """ "in Medan, North Sumatra", "in Hargeisa, Somaliland": the region a town's name is
    followed by; not the next town of a list ("in Gao, Timbuktu, and Kidal")."""
    written = after.group("country")
    known = places.lookup(written, country, "region") if places is not None else None
    ends = after.string[after.end() : after.end() + 12]
    # A region, or a district or province the text calls one ("in Djibo, Soum province").
    if known is not None and (
        known.level == "region" or (known.level in WIDE_LEVELS and _WIDE_AFTER.match(ends))
    ):
        return written if row is None or row.region in (None, known.name, known.region) else None
    if known is None and re.match(r"\s*(?:[;.)]|,(?!\s+and\s+[A-Z])|$)", ends):
        return written
    if known is None and _WIDE_AFTER.match(ends):
        return written  # "in Sholakia, Kishoreganj district"
    return None


def place_candidates(
    text: str,
    countries: CountryTable,
    blocked: list[tuple[int, int]] | None = None,
    places: PlaceTable | None = None,
    home: str | None = None,
) -> list[Place]:
    """Every place phrase after a location preposition, in order; a country name gives a
    candidate with no place (skipping names of groups, bodies, months and adjectives).
    `home` is the chapter's country, whose places the table prefers."""
    blocked = blocked or []
    found: list[Place] = []
    for match in _PLACE.finditer(text):
        start, end = match.span("place")
        if any(s < end and start < e for s, e in blocked):
            continue
        candidate = _candidate(match, text, countries, places, home)
        if candidate is not None:
            found.append(candidate)
            found += _listed_after(candidate, text, places, home)
    return found


_NEXT_NAME = re.compile(rf",?\s+(?:and|&)\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})")


def _listed_after(
    first: Place, text: str, places: PlaceTable | None, home: str | None
) -> list[Place]:
    """ "struck Bangalore and Ahmedabad": a second town of the table listed with the first."""
    if places is None or first.start is None or first.written is None or first.place is None:
        return []
    after = _NEXT_NAME.match(text, first.start + len(first.written))
    if after is None:
        return []
    row = places.lookup(after["name"], home, "town")
    if row is None or row.level != "town":
        return []
    return [
        Place(
            after["name"],
            row.country,
            after.start("name"),
            first.rank,
            written=after["name"],
            canonical=row.name,
            level=row.level,
        )
    ]


def _region_of(chosen: Place, wides: list[Place]) -> str | None:
    """The region the text names after the place ("Bosso town in the Diffa region", "in
    Medan, North Sumatra"); none for a place that is itself a region."""
    if chosen.region is not None:
        return chosen.region
    later = [w for w in wides if w is not chosen and (chosen.start or 0) <= (w.start or 0)]
    found = next((w.place for w in later if w.level in (None, "region")), None)
    if found is not None or chosen.within is None:
        return found
    # "In Wajir County, ... in Wajir town": a region named before the town that holds it.
    return next((w.place for w in wides if w.canonical == chosen.within), None)


def _country(text: str, candidates: list[Place]) -> str | None:
    """The country the text names for the event: the first one named where it happened, in
    the clause of the first place ("kidnapped from her home on Manda Island; she later died
    in Somalia" happened in Kenya)."""
    first = next((c.start for c in candidates if c.start is not None), 0)
    clause_end = text.find(";", first)
    for c in candidates:
        if c.place is None and c.rank < 2:
            if clause_end >= 0 and (c.start or 0) > clause_end:
                return None
            return c.country
    return None


def find_place(
    text: str,
    countries: CountryTable,
    blocked: list[tuple[int, int]] | None = None,
    places: PlaceTable | None = None,
    home: str | None = None,
) -> Place:
    """The first place named, its region and country: a country name sets the country and the
    search goes on for a town ("abducted in Niger along the Malian border" is in Niger, no
    town); a town the table knows brings its own region and country."""
    candidates = place_candidates(text, countries, blocked, places, home)
    country = _country(text, candidates)
    towns = [c for c in candidates if c.place is not None and not c.wide]
    wides = [c for c in candidates if c.place is not None and c.wide]
    # Where, then what, then near what: "attacked the JW Marriott ... in Jakarta" happened in
    # Jakarta; "attacked Le Campement Kangaba, a resort near Bamako" at the resort.
    towns.sort(key=lambda c: c.rank)
    for index, town in enumerate(towns):
        # "near Eagle Square in Abuja": the town the site lies in.
        inner = next((t for t in towns[index + 1 :] if _right_after(text, town, t)), None)
        chosen = inner or town
        return replace(
            chosen,
            country=chosen.country or town.country or country,
            region=_region_of(chosen, wides),
        )
    if wides:
        first = wides[0]
        return replace(first, country=first.country or country, region=_region_of(first, wides))
    return Place(None, country, None)


def _right_after(text: str, outer: Place, inner: Place) -> bool:
    """True when `inner` follows `outer` as "<outer> in <inner>"."""
    if outer.start is None or inner.start is None or outer.written is None:
        return False
    gap = text[outer.start + len(outer.written) : inner.start]
    # "Eagle Square in Abuja", "the Andino shopping center in Bogota"
    return bool(re.fullmatch(rf"(?:\s+[a-z][\w’'-]*){{0,3}},?\s+in\s+(?:the\s+)?{_DIRECTION}", gap))


def place_near(
    text: str,
    position: int,
    countries: CountryTable,
    blocked: list[tuple[int, int]],
    places: PlaceTable | None = None,
    home: str | None = None,
) -> Place:
    """The place named closest to a position (the date of an event mentioned in passing)."""
    towns = [
        c for c in place_candidates(text, countries, blocked, places, home) if c.place is not None
    ]
    if not towns:
        return find_place(text[position:], countries, places=places, home=home)
    return min(towns, key=lambda c: abs((c.start or 0) - position))
