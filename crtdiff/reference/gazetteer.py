"""Groups (data/reference/groups.csv) and organisations (organisations.csv): names, acronyms,
aliases, and the rename and merger links between groups."""

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path

from crtdiff.csv_table import read_rows
from crtdiff.errors import ConfigError
from crtdiff.paths import REFERENCE_DIR
from crtdiff.schemas import OrganisationKind
from crtdiff.text.normalize import match_key

GROUPS_FILE = REFERENCE_DIR / "groups.csv"
ORGANISATIONS_FILE = REFERENCE_DIR / "organisations.csv"
_GROUP_COLUMNS = [
    "id",
    "name",
    "acronym",
    "aliases",
    "renamed_from",
    "merged_into",
    "merged_year",
    "fto_designated",
    "fto_revoked",
    "region",
    "note",
]
_ORG_COLUMNS = ["id", "name", "acronym", "aliases", "kind"]
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Entry:
    """A named thing the extractor recognises: a group or an organisation."""

    id: str
    name: str
    acronym: str | None
    aliases: tuple[str, ...]
    kind: str
    """`group`, or an OrganisationKind value."""
    renamed_from: tuple[str, ...] = ()
    merged_into: str | None = None
    merged_year: int | None = None
    fto_designated: date | None = None
    fto_revoked: date | None = None

    @property
    def is_group(self) -> bool:
        """True for terrorist groups, False for organisations and programmes."""
        return self.kind == "group"

    @property
    def names(self) -> tuple[str, ...]:
        """Every written form: name, acronym, aliases."""
        return (self.name, *((self.acronym,) if self.acronym else ()), *self.aliases)


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _date(value: str, where: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ConfigError(where, f"{value!r} is not an ISO date") from exc


def _group(where: str, row: dict[str, str]) -> Entry:
    year = row["merged_year"]
    if year and not year.isdigit():
        raise ConfigError(where, f"merged_year {year!r} is not a year")
    return Entry(
        id=row["id"],
        name=row["name"].strip(),
        acronym=row["acronym"].strip() or None,
        aliases=_split(row["aliases"]),
        kind="group",
        renamed_from=_split(row["renamed_from"]),
        merged_into=row["merged_into"].strip() or None,
        merged_year=int(year) if year else None,
        fto_designated=_date(row["fto_designated"], where),
        fto_revoked=_date(row["fto_revoked"], where),
    )


def _organisation(where: str, row: dict[str, str]) -> Entry:
    try:
        kind = OrganisationKind(row["kind"]).value
    except ValueError as exc:
        raise ConfigError(where, f"unknown organisation kind {row['kind']!r}") from exc
    return Entry(
        id=row["id"],
        name=row["name"].strip(),
        acronym=row["acronym"].strip() or None,
        aliases=_split(row["aliases"]),
        kind=kind,
    )


@dataclass(frozen=True)
class Gazetteer:
    """Every group and organisation, by id."""

    entries: dict[str, Entry]

    def group(self, group_id: str) -> Entry | None:
        """The group with this id."""
        entry = self.entries.get(group_id)
        return entry if entry is not None and entry.is_group else None

    @cached_property
    def written_forms(self) -> frozenset[str]:
        """Every written form of every entry."""
        return frozenset(name for e in self.entries.values() for name in e.names)

    @property
    def groups(self) -> list[Entry]:
        """All groups."""
        return [e for e in self.entries.values() if e.is_group]

    @cached_property
    def merged_members(self) -> dict[str, dict[str, int | None]]:
        """Each group that others merged into → those groups and the year each merged (every
        comparison asks: worked out once)."""
        merged: dict[str, dict[str, int | None]] = {}
        for entry in self.groups:
            if entry.merged_into is not None:
                merged.setdefault(entry.merged_into, {})[entry.id] = entry.merged_year
        return merged

    @cached_property
    def successors(self) -> dict[str, str]:
        """Each former name's id → the id of the group that now bears it."""
        return {former: e.id for e in self.groups for former in e.renamed_from}


def _validate(entries: list[tuple[str, Entry]]) -> dict[str, Entry]:
    by_id: dict[str, Entry] = {}
    folded: dict[str, str] = {}
    for where, entry in entries:
        if not _ID.match(entry.id):
            raise ConfigError(where, f"id {entry.id!r} must be lowercase words joined by hyphens")
        if entry.id in by_id:
            raise ConfigError(where, f"id {entry.id!r} is listed twice")
        by_id[entry.id] = entry
        for name in entry.names:
            key = name if is_acronym(name) else match_key(name)
            owner = folded.setdefault(key, entry.id)
            if owner != entry.id:
                raise ConfigError(where, f"{name!r} names both {owner!r} and {entry.id!r}")
    for where, entry in entries:
        for link in (*entry.renamed_from, *((entry.merged_into,) if entry.merged_into else ())):
            if link not in by_id or not by_id[link].is_group:
                raise ConfigError(where, f"{entry.id!r} links to unknown group {link!r}")
    return by_id


def is_acronym(name: str) -> bool:
    """All-capitals written forms ("AQIM", "ISIS-GS", "LeT") are matched case-sensitively."""
    tokens = re.findall(r"[A-Za-z0-9]+", name)
    return (
        bool(tokens)
        and all(
            sum(c.isupper() for c in t) >= 2 or (t.isupper() and len(t) <= 5) or t.isdigit()
            for t in tokens
        )
        and any(c.isupper() for c in name)
    )


_BRANCH = re.compile(r"^ISIS(?:-|\s+in\s+)(?P<the>the\s+)?(?P<place>.+?)(?:\s+Province)?$")


def branch_forms(name: str) -> tuple[str, ...]:
    """The usual spellings of an ISIS branch ("ISIS-Libya": "ISIL-Libya", "ISIS in Libya",
    "Islamic State in Libya", "Islamic State Libya Province", ...), so that every row of a
    branch is matched whichever the chapter uses."""
    match = _BRANCH.match(name)
    if match is None:
        return ()
    place = match.group("place")
    the = "the " if match.group("the") else ""
    forms = [f"{core}-{place}" for core in ("ISIS", "ISIL")]
    for core in ("ISIS", "ISIL", "Islamic State"):
        forms += [f"{core} in {the}{place}", f"{core} {place} Province"]
    forms += [f"Islamic State's {place} Province", f"Islamic State of {the}{place}"]
    if the:
        forms += [f"{core} in {place}" for core in ("ISIS", "ISIL", "Islamic State")]
    return tuple(forms)


def _with_branch_forms(rows: list[tuple[str, Entry]]) -> list[tuple[str, Entry]]:
    """Rows with the generated spellings of ISIS branches that no row already uses."""
    taken = {(n if is_acronym(n) else match_key(n)) for _, e in rows for n in e.names}
    out = []
    for where, entry in rows:
        extra = []
        for form in branch_forms(entry.name) if entry.is_group else ():
            key = form if is_acronym(form) else match_key(form)
            if key not in taken:
                taken.add(key)
                extra.append(form)
        out.append(
            (where, replace(entry, aliases=entry.aliases + tuple(extra)) if extra else entry)
        )
    return out


@lru_cache(maxsize=4)
def load_gazetteer(
    groups_path: Path = GROUPS_FILE, organisations_path: Path = ORGANISATIONS_FILE
) -> Gazetteer:
    """Read and validate both tables together (no written form may name two entries)."""
    rows = [
        (w, _group(w, r))
        for n, r in read_rows(groups_path, _GROUP_COLUMNS, "groups table")
        if (w := f"{groups_path.name} line {n}")
    ]
    rows += [
        (w, _organisation(w, r))
        for n, r in read_rows(organisations_path, _ORG_COLUMNS, "organisations table")
        if (w := f"{organisations_path.name} line {n}")
    ]
    return Gazetteer(_validate(_with_branch_forms(rows)))
