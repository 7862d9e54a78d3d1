"""The whole archive as the cross-country pages see it: every country's stored summary, with
the links those pages make into the per-country pages."""

import heapq
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from crtdiff.reports.fragments import escape_text
from crtdiff.reports.html import series_context
from crtdiff.reports.summaries import (
    ChapterSummary,
    CountrySummary,
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

    @cached_property
    def page_html(self) -> str:
        """Its page escaped for an HTML attribute (made once, as `page`)."""
        return escape_text(self.page)


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

    @cached_property
    def incidents_by_group(self) -> dict[str, "Attributed"]:
        """Perpetrator id → how many incidents are attributed to it, and the latest `LISTED`
        of them in the order of `by_date` (see GroupIndex.latest)."""
        return {
            gid: Attributed(count, [self.placed_incident(e[4], e[5]) for e in sorted(heap)])
            for gid, (count, heap) in self.groups.latest.items()
        }

    def placed_incident(self, placed: Placed, incident: IncidentSeen) -> PlacedIncident:
        """One incident of a chapter, told new or not by the comparison ending there."""
        pair = self.pair_at.get((placed.slug, placed.chapter.year))
        new = incident.id in pair.new_incidents if pair is not None else None
        return PlacedIncident(placed.slug, placed.chapter, incident, new)

    @property
    def regrouped(self) -> list[tuple[Placed, PairSummary]]:
        """The chapters (in archive order) ending a comparison that renames or merges groups,
        with that comparison."""
        return self.groups.regrouped

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


Latest = tuple[str, str, str, int, Placed, IncidentSeen]
"""An incident as GroupIndex.latest orders it: date, country, id, archive order (unique: by_date
keeps archive order for full ties), then the chapter and the incident."""


@dataclass
class GroupIndex:
    """The archive's groups: who names them, when, which chapters touch them, and the latest
    incidents by each, from one pass over the chapters (at 10,000 chapters each pass over every
    group and incident costs tens of milliseconds)."""

    names: dict[str, str] = field(default_factory=dict)
    """Group id → canonical name (see Archive.group_names)."""
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
    latest: dict[str, tuple[int, list[Latest]]] = field(default_factory=dict)
    """Perpetrator id → how many incidents are attributed to it, and a heap of the latest
    `LISTED` of them (a bounded heap per group: sorting the archive's incidents, tens of
    thousands, for the last hundred of each group cost several times more)."""
    regrouped: list[tuple[Placed, PairSummary]] = field(default_factory=list)
    """See Archive.regrouped."""

    @classmethod
    def of(cls, archive: "Archive") -> "GroupIndex":
        """The index of an archive's chapters."""
        index = cls()
        touching: defaultdict[str, list[str]] = defaultdict(list)
        year_named: defaultdict[int, set[str]] = defaultdict(set)
        year_doers: defaultdict[int, set[str]] = defaultdict(set)
        tallies: dict[str, _Tally] = {}
        pair_at, labels = archive.pair_at, archive.unit_labels
        for placed in archive.chapters:
            at = (placed.slug, placed.chapter.year)
            named = index._name(placed)
            year_named[at[1]].update(named)
            doers = _attribute(placed, tallies)
            year_doers[at[1]].update(doers)
            ids = named | doers
            pair = pair_at.get(at)
            if pair is not None and (pair.renamed or pair.merged):
                index.regrouped.append((placed, pair))
                ids |= _regrouping(pair)
            label = labels.get(at)
            if label is None:
                index.unlabelled.update(ids)
            else:
                for gid in ids:
                    touching[gid].append(label)
        index.touching = dict(touching)
        index.year_named, index.year_doers = dict(year_named), dict(year_doers)
        index.latest = {gid: (t.count, t.heap) for gid, t in tallies.items()}
        return index

    def _name(self, placed: Placed) -> set[str]:
        """Record the groups a chapter names; returns their ids."""
        year, span, names = placed.chapter.year, self.named_span, self.names
        ids = set()
        for g in placed.chapter.groups:
            gid = g.id
            ids.add(gid)
            names[gid] = g.name
            seen = span.get(gid)
            if seen is None:
                span[gid] = (year, year)
            elif year < seen[0]:
                span[gid] = (year, seen[1])
            elif year > seen[1]:
                span[gid] = (seen[0], year)
        return ids


@dataclass(slots=True)
class _Tally:
    count: int
    """Also the archive order of the group's latest incident (unique in its heap)."""
    heap: list[Latest]


def _attribute(placed: Placed, tallies: dict[str, _Tally]) -> set[str]:
    """Count a chapter's incidents for their perpetrators, keeping each one's latest; returns
    the perpetrators."""
    doers: set[str] = set()
    c = placed.chapter
    for incident in c.incident_list:
        doers.update(incident.perpetrators)
        date = incident.date
        for gid in incident.perpetrators:
            tally = tallies.get(gid)
            if tally is None:
                tally = tallies[gid] = _Tally(0, [])
            tally.count += 1
            heap = tally.heap
            full = len(heap) == LISTED
            if full and date < heap[0][0]:
                continue  # older than all the latest so far (most are, once the heap is full)
            entry = (date, c.country, incident.id, tally.count, placed, incident)
            if full:
                heapq.heappushpop(heap, entry)
            else:
                heapq.heappush(heap, entry)
    return doers


def _regrouping(pair: PairSummary) -> set[str]:
    """The groups a comparison renames or merges."""
    ids: set[str] = set()
    for r in pair.renamed:
        ids.update((r.old_id, r.new_id))
    for m in pair.merged:
        ids.add(m.into_id)
        ids.update(m.members)
    return ids


def by_date(incidents: list[PlacedIncident]) -> list[PlacedIncident]:
    """Incidents by date, then country and id (a stable sort: ties keep archive order)."""
    return sorted(incidents, key=lambda x: (x.incident.date, x.chapter.country, x.incident.id))
