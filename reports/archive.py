"""The whole archive as the cross-country pages see it: every country's stored summary, with
the links those pages make into the per-country pages."""

import heapq
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from crtdiff.reports.html import series_context
from crtdiff.reports.summaries import (
    ChapterSummary,
    CountrySummary,
    GroupSeen,
    IncidentSeen,
    PairSummary,
)
from crtdiff.store.fingerprint import digest


def sentence_href(root: str, slug: str, chapter: ChapterSummary, start: int) -> str:
    """Link to one sentence of a chapter page."""
    return f"{root}{chapter_page(slug, chapter)}#s{start}"


def chapter_page(slug: str, chapter: ChapterSummary) -> str:
    """A chapter page, relative to the site's root."""
    return f"{slug}/{chapter.stem}.html"


@dataclass(frozen=True)
class Placed:
    """A chapter with its country's folder."""

    slug: str
    chapter: ChapterSummary

    @cached_property
    def page(self) -> str:
        """Its chapter page, relative to the site's root (made once: the group pages link a
        chapter once per group it names)."""
        return chapter_page(self.slug, self.chapter)


@dataclass(frozen=True)
class PlacedIncident:
    """An incident with the chapter it was read from."""

    slug: str
    chapter: ChapterSummary
    incident: IncidentSeen
    new: bool | None
    """True when the year before on file did not describe it; None without a year before."""


LISTED = 100
"""Incidents listed on a group's page (the latest); the explorer, filtered to the group, has
them all (a group active for decades has thousands)."""


@dataclass(frozen=True)
class Attributed:
    """The incidents attributed to a group."""

    count: int
    latest: list[PlacedIncident]
    """The latest `LISTED`, by date (as `by_date` orders them)."""


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
    def groups(self) -> "GroupIndex":
        """What the group and year pages look up about groups, in one pass over the chapters."""
        return GroupIndex.of(self)

    @cached_property
    def first_named(self) -> dict[str, int]:
        """Group id → the first report year any chapter names it."""
        return {gid: first for gid, (first, _) in self.groups.named_span.items()}

    @property
    def group_names(self) -> dict[str, str]:
        """Group id → canonical name, over every chapter (in order of first mention; the name
        of the last chapter naming it)."""
        return self.groups.names

    @cached_property
    def pairs_by_year(self) -> dict[int, list[tuple[str, PairSummary]]]:
        """The comparisons ending in each report year, in archive order."""
        found: dict[int, list[tuple[str, PairSummary]]] = {}
        for slug, pair in self.pairs:
            found.setdefault(pair.new_year, []).append((slug, pair))
        return found

    @cached_property
    def pair_at(self) -> dict[tuple[str, int], PairSummary]:
        """(country folder, new year) → the comparison ending in that year."""
        return {(slug, p.new_year): p for slug, p in self.pairs}

    def placed_incidents(self, placed: Placed) -> list[PlacedIncident]:
        """One chapter's incidents, each told new or not by the comparison ending there."""
        pair = self.pair_at.get((placed.slug, placed.chapter.year))
        new_ids = set(pair.new_incidents) if pair is not None else None
        return [
            PlacedIncident(
                placed.slug, placed.chapter, i, i.id in new_ids if new_ids is not None else None
            )
            for i in placed.chapter.incident_list
        ]

    @cached_property
    def incidents(self) -> list[PlacedIncident]:
        """Every incident of every chapter, by date (then country)."""
        return by_date([i for p in self.chapters for i in self.placed_incidents(p)])

    @property
    def named_in(self) -> dict[str, list[tuple[Placed, GroupSeen]]]:
        """Group id → the chapters (in archive order) naming it, each with how it names it."""
        return self.groups.named_in

    @cached_property
    def incidents_by_group(self) -> dict[str, "Attributed"]:
        """Perpetrator id → how many incidents are attributed to it, and the latest `LISTED`
        of them in the order of `by_date` (a bounded heap per group: sorting the archive's
        incidents, tens of thousands, for the last hundred of each group cost several times
        more)."""
        heaps: dict[str, list[tuple[str, str, str, int, Placed, IncidentSeen]]] = {}
        counts: dict[str, int] = {}
        order = 0  # archive order: by_date's sort is stable
        for placed in self.chapters:
            country = placed.chapter.country
            for incident in placed.chapter.incident_list:
                for gid in incident.perpetrators:
                    order += 1
                    counts[gid] = counts.get(gid, 0) + 1
                    heap = heaps.setdefault(gid, [])
                    if len(heap) == LISTED and incident.date < heap[0][0]:
                        continue  # older than all the latest so far (most are, once full)
                    entry = (incident.date, country, incident.id, order, placed, incident)
                    if len(heap) < LISTED:
                        heapq.heappush(heap, entry)
                    else:
                        heapq.heappushpop(heap, entry)
        return {
            gid: Attributed(counts[gid], [self.placed_incident(e[4], e[5]) for e in sorted(heap)])
            for gid, heap in heaps.items()
        }

    def placed_incident(self, placed: Placed, incident: IncidentSeen) -> PlacedIncident:
        """One incident of a chapter, told new or not by the comparison ending there."""
        pair = self.pair_at.get((placed.slug, placed.chapter.year))
        new = incident.id in pair.new_incidents if pair is not None else None
        return PlacedIncident(placed.slug, placed.chapter, incident, new)

    @cached_property
    def regrouped(self) -> list[tuple[Placed, PairSummary]]:
        """The chapters (in archive order) ending a comparison that renames or merges groups,
        with that comparison."""
        found = []
        for placed in self.chapters:
            pair = self.pair_at.get((placed.slug, placed.chapter.year))
            if pair is not None and (pair.renamed or pair.merged):
                found.append((placed, pair))
        return found

    @property
    def named_span(self) -> dict[str, tuple[int, int]]:
        """Group id → the first and last report year a chapter names it."""
        return self.groups.named_span

    def group_units_key(self, gid: str) -> str | None:
        """units_key of the chapters (with their comparisons) that name the group, have an
        incident by it, or end a comparison that renames or merges it: all a group page is
        made of."""
        if gid in self.groups.unlabelled:
            return None
        return digest(*self.groups.touching[gid])

    @cached_property
    def unit_labels(self) -> dict[tuple[str, int], str]:
        """(country folder, year) → that chapter and its comparison as a units key holds
        them (see CountrySummary.units); absent when unknown."""
        return {
            (s.slug, year): f"{s.slug}:{year}:{key}"
            for s in self.countries
            for year, key in s.units.items()
        }

    def units_key(self, chapters: list[Placed]) -> str | None:
        """One key for what these chapters and their comparisons hold; None when one of them
        has no key (then whatever is made of them is made again)."""
        labels = self.unit_labels
        try:
            return digest(*[labels[(p.slug, p.chapter.year)] for p in chapters])
        except KeyError:
            return None


@dataclass
class GroupIndex:
    """The archive's groups: who names them, when, and which chapters touch them."""

    names: dict[str, str] = field(default_factory=dict)
    """Group id → canonical name (see Archive.group_names)."""
    named_in: dict[str, list[tuple[Placed, GroupSeen]]] = field(default_factory=dict)
    named_span: dict[str, tuple[int, int]] = field(default_factory=dict)
    touching: dict[str, list[str]] = field(default_factory=dict)
    """Group id → the unit labels (Archive.unit_labels) of the chapters, in archive order, that
    name it, have an incident by it, or end a comparison that renames or merges it."""
    unlabelled: set[str] = field(default_factory=set)
    """Groups touched by a chapter without a unit label (their `touching` lacks it)."""
    year_named: dict[int, set[str]] = field(default_factory=dict)
    """Report year → the groups its chapters name."""
    year_doers: dict[int, set[str]] = field(default_factory=dict)
    """Report year → the perpetrators of its chapters' incidents."""

    @classmethod
    def of(cls, archive: "Archive") -> "GroupIndex":
        """The index of an archive's chapters (one pass: at 10,000 chapters each pass over
        every group and incident costs tens of milliseconds)."""
        index = cls()
        names, span, unlabelled = index.names, index.named_span, index.unlabelled
        named_in: defaultdict[str, list[tuple[Placed, GroupSeen]]] = defaultdict(list)
        touching: defaultdict[str, list[str]] = defaultdict(list)
        year_named: defaultdict[int, set[str]] = defaultdict(set)
        year_doers: defaultdict[int, set[str]] = defaultdict(set)
        labels, pair_at = archive.unit_labels, archive.pair_at
        for placed in archive.chapters:
            c = placed.chapter
            year = c.year
            ids = {g.id for g in c.groups}
            year_named[year].update(ids)
            for g in c.groups:
                gid = g.id
                names[gid] = g.name
                named_in[gid].append((placed, g))
                if gid not in span:
                    span[gid] = (year, year)
                elif year < span[gid][0]:
                    span[gid] = (year, span[gid][1])
                elif year > span[gid][1]:
                    span[gid] = (span[gid][0], year)
            doers: set[str] = set()
            for i in c.incident_list:
                doers.update(i.perpetrators)
            year_doers[year].update(doers)
            ids |= doers
            pair = pair_at.get((placed.slug, year))
            if pair is not None:
                for r in pair.renamed:
                    ids.update((r.old_id, r.new_id))
                for m in pair.merged:
                    ids.add(m.into_id)
                    ids.update(m.members)
            label = labels.get((placed.slug, year))
            if label is None:
                unlabelled.update(ids)
            else:
                for gid in ids:
                    touching[gid].append(label)
        index.named_in, index.touching = dict(named_in), dict(touching)
        index.year_named, index.year_doers = dict(year_named), dict(year_doers)
        return index


def by_date(incidents: list[PlacedIncident]) -> list[PlacedIncident]:
    """Incidents by date, then country and id (a stable sort: ties keep archive order)."""
    return sorted(incidents, key=lambda x: (x.incident.date, x.chapter.country, x.incident.id))
