"""The whole archive as the cross-country pages see it: every country's stored summary, with
the links those pages make into the per-country pages."""

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from reports.html import series_context
from reports.summaries import ChapterSummary, CountrySummary, IncidentSeen, PairSummary


def sentence_href(root: str, slug: str, chapter: ChapterSummary, start: int) -> str:
    """Link to one sentence of a chapter page."""
    return f"{root}{slug}/{chapter.stem}.html#s{start}"


@dataclass(frozen=True)
class Placed:
    """A chapter with its country's folder."""

    slug: str
    chapter: ChapterSummary


@dataclass(frozen=True)
class PlacedIncident:
    """An incident with the chapter it was read from."""

    slug: str
    chapter: ChapterSummary
    incident: IncidentSeen
    new: bool | None
    """True when the year before on file did not describe it; None without a year before."""


@dataclass(frozen=True)
class Archive:
    """Every country's chapters and pairs (country chapters only: the timeline's series)."""

    countries: list[CountrySummary]

    @classmethod
    def of(cls, summaries: list[CountrySummary]) -> "Archive":
        """The archive of these countries, sorted by name."""
        return cls(sorted(summaries, key=lambda s: s.country))

    @cached_property
    def chapters(self) -> list[Placed]:
        """Every chapter, by country then year."""
        return [
            Placed(s.slug, c)
            for s in self.countries
            for c in sorted(s.chapters, key=lambda c: c.year)
            if c.chapter == "country"
        ]

    @cached_property
    def series_context(self) -> dict[str, Any]:
        """What every cross-country page says about the series on file (nothing for CRT)."""
        return series_context(next((p.chapter.series for p in self.chapters), "crt"))

    @cached_property
    def pairs(self) -> list[tuple[str, PairSummary]]:
        """Every comparison with its country's folder."""
        return [(s.slug, p) for s in self.countries for p in s.pairs if p.chapter == "country"]

    @cached_property
    def years(self) -> list[int]:
        """Every report year on file."""
        return sorted({p.chapter.year for p in self.chapters})

    @cached_property
    def by_year(self) -> dict[int, list[Placed]]:
        """The chapters of each report year."""
        found: dict[int, list[Placed]] = {}
        for placed in self.chapters:
            found.setdefault(placed.chapter.year, []).append(placed)
        return found

    @cached_property
    def incidents_by_year(self) -> dict[int, list[PlacedIncident]]:
        """The incidents of each report year's chapters, by date."""
        found: dict[int, list[PlacedIncident]] = {}
        for item in self.incidents:
            found.setdefault(item.chapter.year, []).append(item)
        return found

    @cached_property
    def first_named(self) -> dict[str, int]:
        """Group id → the first report year any chapter names it."""
        first: dict[str, int] = {}
        for placed in self.chapters:
            for g in placed.chapter.groups:
                first[g.id] = min(first.get(g.id, placed.chapter.year), placed.chapter.year)
        return first

    @cached_property
    def group_names(self) -> dict[str, str]:
        """Group id → canonical name, over every chapter."""
        return {g.id: g.name for p in self.chapters for g in p.chapter.groups}

    @cached_property
    def incidents(self) -> list[PlacedIncident]:
        """Every incident of every chapter, by date (then country)."""
        new_ids = {(slug, p.new_year): set(p.new_incidents) for slug, p in self.pairs}
        placed = [
            PlacedIncident(
                p.slug,
                p.chapter,
                i,
                i.id in new_ids[(p.slug, p.chapter.year)]
                if (p.slug, p.chapter.year) in new_ids
                else None,
            )
            for p in self.chapters
            for i in p.chapter.incident_list
        ]
        return sorted(placed, key=lambda x: (x.incident.date, x.chapter.country, x.incident.id))
