"""All reference tables a parse needs, loaded once and passed explicitly."""

from dataclasses import dataclass
from pathlib import Path

from crtdiff.paths import REFERENCE_DIR
from crtdiff.reference.countries import CountryTable, load_countries
from crtdiff.reference.country_terms import CountryTerms, load_country_terms
from crtdiff.reference.editions import Editions, load_editions
from crtdiff.reference.furniture import Furniture, load_furniture
from crtdiff.reference.fuzzy_names import FuzzyIndex, build_fuzzy_index
from crtdiff.reference.gazetteer import Gazetteer, load_gazetteer
from crtdiff.reference.headings import HeadingVariant, load_headings
from crtdiff.reference.names import NameMatcher
from crtdiff.reference.places import PlaceTable, load_places
from crtdiff.reference.state_forces import StateForces, load_state_forces
from crtdiff.reference.topics import TopicTerms, load_topics


@dataclass(frozen=True)
class Reference:
    """The reference tables of data/reference/ (or of another folder with the same files)."""

    countries: CountryTable
    headings: tuple[HeadingVariant, ...]
    topics: TopicTerms
    gazetteer: Gazetteer
    names: NameMatcher
    """Matcher of every group, organisation and state-force name (built once: ~10 ms);
    state forces with names of their own come out under ids prefixed "force:" (missions are
    matched as the organisations that name them)."""
    fuzzy: FuzzyIndex
    """Multi-word group names for the guarded similarity fallback."""
    places: PlaceTable
    forces: StateForces
    furniture: Furniture
    """Page furniture lines of every host."""
    editions: Editions
    """Publication date of each report year's edition."""
    country_terms: CountryTerms
    """Names, demonyms, capitals and places of each country, to tell what a text is about."""
    folder: Path = REFERENCE_DIR
    """Where the tables were read from (their digest keys cached results)."""


def load_reference(folder: Path = REFERENCE_DIR) -> Reference:
    """Load and validate every reference table in `folder`."""
    return Reference(
        countries=load_countries(folder / "countries.csv"),
        headings=load_headings(folder / "section_headings.csv"),
        topics=load_topics(folder / "section_topics.csv"),
        gazetteer=(
            gazetteer := load_gazetteer(folder / "groups.csv", folder / "organisations.csv")
        ),
        names=NameMatcher(
            [
                *gazetteer.entries.values(),
                *(forces := load_state_forces(folder / "state_forces.csv")).entries,
            ]
        ),
        fuzzy=build_fuzzy_index(gazetteer),
        places=load_places(folder / "places.csv"),
        forces=forces,
        furniture=load_furniture(folder / "furniture.csv"),
        editions=load_editions(folder / "crt_editions.csv"),
        country_terms=load_country_terms(folder / "country_terms.csv", folder / "countries.csv"),
        folder=folder,
    )
