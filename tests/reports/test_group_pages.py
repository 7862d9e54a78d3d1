"""A group page's table and first and last mention, made in one pass over the chapters,
against their plain definition: every chapter naming the group, one by one."""

from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from crtdiff.reports.archive import Archive
from crtdiff.reports.fragments import presence_cell
from crtdiff.reports.group_pages import group_file, group_files
from crtdiff.reports.summaries import ChapterSummary, CountrySummary, PairSummary
from crtdiff.schemas import CountryReport

Year = tuple[list[int], bool, list[int]]
"""A chapter: the base chapter's groups it names (by position, a repeat names one twice),
whether it is illustrative, and the groups (by position) the comparison ending there finds
renamed."""


@pytest.fixture(scope="module")
def base(seed_report: CountryReport) -> ChapterSummary:
    return ChapterSummary.of(seed_report)


def _country(base: ChapterSummary, country: str, years: dict[int, Year]) -> CountrySummary:
    groups = base.groups
    chapters = [
        replace(
            base,
            country=country,
            year=year,
            illustrative=illustrative,
            groups=[
                replace(groups[n], start=10 * year + k, mentions=1 + k % 3)
                for k, n in enumerate(named)
            ],
        )
        for year, (named, illustrative, _) in years.items()
    ]
    pairs = [
        _pair(country, year, [groups[n] for n in renamed])
        for year, (_, _, renamed) in years.items()
        if renamed
    ]
    return CountrySummary.of(chapters, pairs)


def _pair(country: str, year: int, renamed: list[Any]) -> PairSummary:
    return msgspec.convert(
        dict(
            country=country, chapter="country", old_year=year - 1, new_year=year,
            illustrative=False, headline="", recycled_share=None, cosines={},
            renamed=[
                dict(old_id=g.id, old_name=g.name, new_id=f"{g.id}-new", new_name="New",
                     sentence=None, start=None)
                for g in renamed
            ],
            merged=[], new_incidents=[], new_measures=[], status_changed=[],
        ),
        PairSummary,
    )  # fmt: skip


def _plain(archive: Archive, gid: str) -> dict[str, Any]:
    """The definition: the chapters naming the group in archive order, a cell per country and
    year (the last mention there), the first and last by (year, country)."""
    mentions = [(p, g) for p in archive.chapters for g in p.chapter.groups if g.id == gid]
    former = {
        (pair.country, pair.new_year)
        for _, pair in archive.pairs
        for r in pair.renamed
        if r.old_id == gid
    }
    rows: dict[str, dict[int, str]] = {}
    views = []
    for p, g in mentions:
        c = p.chapter
        href, was = f"../{p.page}#s{g.start}", (c.country, c.year) in former
        rows.setdefault(c.country, {})[c.year] = presence_cell(
            href, g.mentions, was, c.illustrative
        )
        views.append((c.country, c.year, href, g.mentions, was, c.illustrative))
    when = [(v[1], v[0]) for v in views]
    return {
        "name": (mentions[0][1].name, mentions[0][1].acronym),
        "named": len(mentions),
        "rows": dict(sorted(rows.items())),
        "first": views[when.index(min(when))],
        "last": views[when.index(max(when))],
    }


def _made(archive: Archive, gid: str) -> dict[str, Any]:
    group = group_files(archive)[gid]
    assert group_file(archive, gid).rows == group.rows  # the same, alone or for them all
    view = [
        (m.country, m.year, m.href, m.mentions, m.former, m.illustrative)
        for m in (group.first, group.last)
    ]
    return {
        "name": (group.name, group.acronym),
        "named": group.named,
        "rows": group.rows,
        "first": view[0],
        "last": view[1],
    }


chapter = st.tuples(
    st.lists(st.integers(0, 3), max_size=4), st.booleans(), st.lists(st.integers(0, 3), max_size=2)
)


@settings(max_examples=60, deadline=None)
@given(
    spec=st.dictionaries(
        st.sampled_from(["Mali", "Niger", "Chad", "Côte d'Ivoire"]),
        st.dictionaries(st.integers(2012, 2017), chapter, min_size=1, max_size=4),
        min_size=1,
    )
)
def test_group_pages_are_made_as_defined(
    base: ChapterSummary, spec: dict[str, dict[int, Year]]
) -> None:
    archive = Archive.of([_country(base, name, years) for name, years in spec.items()])
    named = {g.id for p in archive.chapters for g in p.chapter.groups}
    assert set(archive.group_names) == named
    for gid in named:
        assert _made(archive, gid) == _plain(archive, gid), gid
