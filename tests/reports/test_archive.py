"""The archive's per-group incident selection (a bounded heap per group) against its plain
definition: every incident attributed to the group, by date, then the last LISTED."""

from pathlib import Path
from typing import Any
from unittest.mock import patch

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crtdiff.reports import archive as archive_module
from crtdiff.reports.archive import LISTED, Archive, PlacedIncident
from crtdiff.reports.group_pages import group_key
from crtdiff.reports.page_cache import PageCache
from crtdiff.reports.summaries import ChapterSummary, CountrySummary, IncidentSeen, PairSummary
from crtdiff.schemas import CountryReport

Spec = tuple[str, str, list[str]]
"""An incident: (id, date, perpetrators)."""


def _incident(base: ChapterSummary, spec: Spec) -> dict[str, Any]:
    incident_id, date, perpetrators = spec
    seen = msgspec.structs.asdict(base.incident_list[0])
    return {**seen, "id": incident_id, "date": date, "perpetrators": perpetrators}


def _country(
    base: ChapterSummary,
    country: str,
    years: dict[int, list[Spec]],
    new: dict[int, list[str]],
    named: dict[int, list[int]] | None = None,
) -> CountrySummary:
    """A country's chapters holding these incidents, with a comparison ending in each year of
    `new` that finds those incident ids new (and, per year of `named`, naming only those of
    the base chapter's groups)."""
    chapters = [
        msgspec.structs.replace(
            base,
            country=country,
            year=year,
            groups=[base.groups[n] for n in named[year]] if named else base.groups,
            incident_list=[IncidentSeen(**_incident(base, s)) for s in specs],
        )
        for year, specs in years.items()
    ]
    pairs = [_pair(country, year, ids) for year, ids in new.items()]
    return CountrySummary.of(chapters, pairs)


def _pair(country: str, year: int, new_incidents: list[str]) -> PairSummary:
    return PairSummary(
        country=country, chapter="country", old_year=year - 1, new_year=year,
        illustrative=False, headline="", recycled_share=None, cosines={}, renamed=[],
        merged=[], new_incidents=new_incidents, new_measures=[], status_changed=[],
    )  # fmt: skip


def _plain(archive: Archive, gid: str) -> tuple[int, list[PlacedIncident]]:
    """The definition: the archive's incidents by date, those by the group (once per time the
    group is named a perpetrator), the last LISTED of them."""
    found = [i for i in archive.incidents for p in i.incident.perpetrators if p == gid]
    return len(found), found[-archive_module.LISTED :]


def _view(items: list[PlacedIncident]) -> list[tuple[object, ...]]:
    return [(i.slug, i.chapter.year, i.incident.id, i.incident.date, i.new) for i in items]


def _assert_same_as_plain(archive: Archive) -> None:
    gids = {p for c in archive.chapters for i in c.chapter.incident_list for p in i.perpetrators}
    assert set(archive.incidents_by_group) == gids
    for gid in gids:
        count, latest = _plain(archive, gid)
        got = archive.incidents_by_group[gid]
        assert got.count == count, gid
        assert _view(got.latest) == _view(latest), gid
        # the very incident of the very chapter (ids and dates can repeat across chapters)
        assert all(
            a.incident is b.incident and a.chapter is b.chapter
            for a, b in zip(got.latest, latest, strict=True)
        )


@pytest.fixture(scope="module")
def base(seed_report: CountryReport) -> ChapterSummary:
    return ChapterSummary.of(seed_report)


def test_latest_of_a_big_group_keep_the_date_country_id_then_archive_order(
    base: ChapterSummary,
) -> None:
    # 3 countries x 2 years x 30 incidents by "jnim" on 4 dates: same-date ties across
    # countries, the same id on the same date in two countries (country decides) and in two
    # years of one country (archive order decides); ids out of order within a date.
    dates = ["2016-01-05", "2016-01-05", "2016-03-01", "2015-12-31"]

    def specs(year: int) -> list[Spec]:
        return [
            (f"i{(7 * n) % 11}", dates[n % 4], ["jnim", "aqim"] if n % 3 == 0 else ["jnim"])
            for n in range(30)
        ] + [(f"y{year}", "2016-02-02", ["isis-gs"])]

    countries = [
        _country(base, name, {2016: specs(2016), 2017: specs(2017)}, {2017: ["i3", "i5"]})
        for name in ("Niger", "Mali", "Chad")
    ]
    archive = Archive.of(countries)
    jnim = archive.incidents_by_group["jnim"]
    assert jnim.count == 180 and len(jnim.latest) == LISTED
    assert jnim.latest[-1].incident.date == "2016-03-01"
    assert {i.new for i in jnim.latest} == {None, True, False}
    assert archive.incidents_by_group["isis-gs"].count == 6
    _assert_same_as_plain(archive)


incidents = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c"]),
        st.sampled_from(["2016-01-01", "2016-01-02", "2016-01", "2016"]),
        st.lists(st.sampled_from(["g1", "g2", "g3"]), max_size=3),  # a repeat counts twice
    ),
    max_size=8,
)


@settings(max_examples=60, deadline=None)
@given(
    archive_spec=st.dictionaries(
        st.sampled_from(["Mali", "Niger", "Chad"]),
        st.dictionaries(st.integers(2014, 2017), incidents, min_size=1, max_size=3),
        min_size=1,
    ),
    listed=st.integers(1, 6),
    new_ids=st.lists(st.sampled_from(["a", "b", "c"]), max_size=2),
)
def test_latest_per_group_is_the_tail_of_the_archive_by_date(
    base: ChapterSummary,
    archive_spec: dict[str, dict[int, list[Spec]]],
    listed: int,
    new_ids: list[str],
) -> None:
    countries = [
        _country(base, name, years, {max(years): new_ids} if len(years) > 1 else {})
        for name, years in archive_spec.items()
    ]
    with patch.object(archive_module, "LISTED", listed):
        _assert_same_as_plain(Archive.of(countries))


def test_a_group_pages_key_follows_the_chapters_touching_the_group(base: ChapterSummary) -> None:
    first, second = base.groups[0].id, base.groups[1].id
    years: dict[int, list[Spec]] = {2015: [], 2016: [("a", "2016-01-01", [second])], 2017: []}
    # the first group named in 2015 and 2017, the second in 2017 only (and a perpetrator in 2016)
    mali = _country(base, "Mali", years, {}, named={2015: [0], 2016: [], 2017: [0, 1]})

    def keys(units: dict[int, str]) -> dict[str, str | None]:
        archive = Archive.of([msgspec.structs.replace(mali, units=units)])
        cache = PageCache(Path("unused"), "code")
        return {gid: group_key(archive, gid, cache) for gid in (first, second)}

    units = {2015: "a", 2016: "b", 2017: "c"}
    before = keys(units)
    assert None not in before.values()
    # 2016 names neither group but has an incident by the second (its list would change)
    changed = keys({**units, 2016: "b2"})
    assert changed[first] == before[first] and changed[second] != before[second]
    assert keys({**units, 2015: "a2"})[second] == before[second]
    # a touching chapter with no key: always rendered; an untouching one changes nothing
    assert keys({2015: "a", 2017: "c"}) == {first: before[first], second: None}
