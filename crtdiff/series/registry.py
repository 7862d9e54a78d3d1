"""The series crtdiff knows: each is its data (series.csv and its tables) plus a small plugin,
the module `crtdiff/series/<name>.py`, for its logic."""

import importlib
import importlib.util
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Protocol

from crtdiff.errors import ConfigError, NoChapterError
from crtdiff.ingest.blocks import Block
from crtdiff.ingest.metadata import Clues
from crtdiff.ingest.sections import SectionPlan
from crtdiff.reference.bundle import Reference
from crtdiff.reference.countries import CountryTable
from crtdiff.reference.furniture import Furniture, FurnitureLine, combine_furniture
from crtdiff.reference.gazetteer import Gazetteer
from crtdiff.reference.headings import HeadingVariant
from crtdiff.reference.series import DEFAULT_SERIES, SERIES_DIR, SeriesDefinition, load_definitions
from crtdiff.schemas import CountryReport
from crtdiff.schemas.diff import YearDiff
from crtdiff.series.detect import add_series_clues


class SeriesPlugin(Protocol):
    """The logic of a series: how its reports are sectioned, read and compared."""

    def body_headings(self, ref: Reference) -> tuple[HeadingVariant, ...]:
        """Headings that open a report's body (what stands before them is page furniture)."""
        ...

    def plan_sections(self, blocks: list[Block], ref: Reference) -> SectionPlan:
        """Assign every block of the body to a section (or unit) of the series."""
        ...

    def extract(self, report: CountryReport, ref: Reference) -> CountryReport:
        """The report with the facts of the series' extractors filled in."""
        ...

    def compare(self, old: CountryReport, new: CountryReport, gazetteer: Gazetteer) -> YearDiff:
        """What changed from `old` to `new`."""
        ...


@dataclass(frozen=True)
class Series:
    """A series: its definition (data) and its plugin (logic)."""

    definition: SeriesDefinition

    @cached_property
    def plugin(self) -> SeriesPlugin:
        """The series' logic, imported when first asked for: the pages and citations need only
        the definition, and importing a plugin (its extractors, their patterns) costs 0.1-0.3 s
        of a process's first run."""
        return _plugin(self.definition)

    @property
    def name(self) -> str:
        """The series' name (`crt`, `hrr`)."""
        return self.definition.name

    @property
    def is_default(self) -> bool:
        """True for CRT, the default series."""
        return self.name == DEFAULT_SERIES

    def furniture(self, base: Furniture) -> Furniture:
        """The furniture of every host (furniture.csv) plus the series' own lines (its
        furniture.csv in data/reference/series/); CRT has none of its own."""
        own = self.definition.furniture
        if not own:
            return base
        extra = tuple(
            FurnitureLine(self.name, x.position, "regex", x.line, x.pattern, 0) for x in own
        )
        return combine_furniture(base.lines + extra)

    def add_clues(
        self, clues: Clues, titles: list[str], uri: str, table: CountryTable, source: str
    ) -> None:
        """Country and year from the series' own titles and URLs (CRT's are read already);
        a page that names a series crtdiff does not know is refused."""
        if self.is_default:
            return
        phrases = [p.lower() for p in self.definition.title_phrases]
        if clues.other_series and clues.other_series.lower() not in phrases:
            raise NoChapterError(
                source,
                f"page is from another report series ({clues.other_series}), "
                f"not {self.definition.short_name}",
            )
        add_series_clues(clues, self.definition, titles, uri, table)


def _module(definition: SeriesDefinition) -> str:
    """The plugin's module; a series without one is refused (found, not imported)."""
    name = f"crtdiff.series.{definition.name}"
    if importlib.util.find_spec(name) is None:
        raise ConfigError(
            "series.csv",
            f"series {definition.name!r} has no plugin crtdiff/series/{definition.name}.py",
        )
    return name


def _plugin(definition: SeriesDefinition) -> SeriesPlugin:
    plugin: SeriesPlugin = importlib.import_module(_module(definition)).make_plugin(definition)
    return plugin


@lru_cache(maxsize=4)
def load_series(folder: Path = SERIES_DIR) -> dict[str, Series]:
    """Every series of data/reference/series/series.csv (each plugin checked to exist, and
    imported on first use)."""
    definitions = load_definitions(folder)
    for definition in definitions.values():
        _module(definition)
    return {name: Series(d) for name, d in definitions.items()}


def plugin_modules(folder: Path = SERIES_DIR) -> list[str]:
    """The module of every series' plugin, for worker processes to import ahead of their work."""
    return [_module(series.definition) for series in load_series(folder).values()]


def series_named(name: str | None, folder: Path = SERIES_DIR) -> Series:
    """The series called `name` (the default series for None)."""
    known = load_series(folder)
    series = known.get(name or DEFAULT_SERIES)
    if series is None:
        raise ConfigError(
            f"series {name!r}", f"unknown series; known: {', '.join(sorted(known))} (series.csv)"
        )
    return series
