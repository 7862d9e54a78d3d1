"""State forces and missions (data/reference/state_forces.csv): armies, police, intelligence
services, peacekeeping missions and coalitions. Never terrorist groups, never perpetrators;
their operations are not terrorist incidents, and an attack on them has a military, police or
peacekeeping target."""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from crtdiff.csv_table import read_rows
from crtdiff.errors import ConfigError
from crtdiff.paths import REFERENCE_DIR
from crtdiff.reference.countries import COUNTRIES_FILE, CountryTable, load_countries
from crtdiff.reference.gazetteer import (
    GROUPS_FILE,
    ORGANISATIONS_FILE,
    Entry,
    Gazetteer,
    is_acronym,
    load_gazetteer,
)
from crtdiff.schemas import Target
from crtdiff.text.normalize import match_key

STATE_FORCES_FILE = REFERENCE_DIR / "state_forces.csv"
_COLUMNS = ["id", "name", "acronym", "aliases", "kind", "country", "organisation"]
FORCE_PREFIX = "force:"
"""Marks a name matcher's hit as a state force's."""
KIND_TARGETS = {
    "military": Target.MILITARY,
    "police": Target.POLICE,
    "intelligence": Target.GOVERNMENT,
    "peacekeeping": Target.UN_PEACEKEEPERS,
    "coalition": Target.MILITARY,
}
"""Each kind of force, and the target an attack on it has."""


@dataclass(frozen=True)
class StateForce:
    """One force or mission. A mission that organisations.csv lists takes its names from there
    (`organisation`), so that its spellings are kept in one place."""

    id: str
    names: tuple[str, ...]
    kind: str
    country: str | None
    organisation: str | None

    @property
    def target(self) -> Target:
        """The target of an attack on this force."""
        return KIND_TARGETS[self.kind]


@dataclass(frozen=True)
class StateForces:
    """Every state force, with the entries the name matcher needs."""

    forces: tuple[StateForce, ...]

    @property
    def entries(self) -> list[Entry]:
        """Forces with names of their own, as matcher entries (kind "state_force", id
        prefixed with FORCE_PREFIX: one matcher finds groups, bodies and forces in one pass)."""
        return [
            Entry(FORCE_PREFIX + f.id, f.names[0], None, f.names[1:], "state_force")
            for f in self.forces
            if f.organisation is None
        ]

    @property
    def by_organisation(self) -> dict[str, StateForce]:
        """Missions and coalitions by the organisations.csv id that names them."""
        return {f.organisation: f for f in self.forces if f.organisation is not None}

    def get(self, force_id: str) -> StateForce | None:
        """The force with this id (or the force an organisation id stands for)."""
        return next(
            (f for f in self.forces if force_id in (f.id, f.organisation)),
            None,
        )


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _force(
    where: str, row: dict[str, str], countries: CountryTable, gazetteer: Gazetteer
) -> StateForce:
    if row["kind"] not in KIND_TARGETS:
        raise ConfigError(where, f"kind {row['kind']!r} is not one of {', '.join(KIND_TARGETS)}")
    country = None
    if row["country"]:
        found = countries.resolve(row["country"])
        if found is None or found.name != row["country"]:
            raise ConfigError(where, f"country {row['country']!r} is not a name in countries.csv")
        country = found.name
    organisation = row["organisation"].strip() or None
    names = tuple(n for n in (row["name"].strip(), row["acronym"].strip()) if n)
    names += _split(row["aliases"])
    if organisation is not None:
        entry = gazetteer.entries.get(organisation)
        if entry is None or entry.is_group:
            raise ConfigError(where, f"organisation {organisation!r} is not in organisations.csv")
        if names:
            raise ConfigError(where, "a force linked to an organisation takes its names from it")
        names = entry.names
    elif not row["name"].strip():
        raise ConfigError(where, "name is empty (and no organisation is given)")
    return StateForce(row["id"], names, row["kind"], country, organisation)


def _check_forms(rows: list[tuple[str, StateForce]], gazetteer: Gazetteer) -> None:
    """No written form names two forces, and none names a terrorist group."""
    groups = {
        (n if is_acronym(n) else match_key(n)): e.id for e in gazetteer.groups for n in e.names
    }
    seen: dict[str, str] = {}
    ids: set[str] = set()
    for where, force in rows:
        if force.id in ids:
            raise ConfigError(where, f"id {force.id!r} is listed twice")
        ids.add(force.id)
        for name in force.names:
            key = name if is_acronym(name) else match_key(name)
            if key in groups:
                raise ConfigError(where, f"{name!r} names the group {groups[key]!r}")
            owner = seen.setdefault(key, force.id)
            if owner != force.id:
                raise ConfigError(where, f"{name!r} names both {owner!r} and {force.id!r}")


@lru_cache(maxsize=4)
def load_state_forces(path: Path = STATE_FORCES_FILE) -> StateForces:
    """Read and validate the state forces table against the countries and the gazetteer of
    the same folder."""
    folder = path.parent
    countries = load_countries(folder / COUNTRIES_FILE.name)
    gazetteer = load_gazetteer(folder / GROUPS_FILE.name, folder / ORGANISATIONS_FILE.name)
    rows = [
        (where, _force(where, row, countries, gazetteer))
        for n, row in read_rows(path, _COLUMNS, "state forces table")
        if (where := f"{path.name} line {n}")
    ]
    _check_forms(rows, gazetteer)
    return StateForces(tuple(f for _, f in rows))
