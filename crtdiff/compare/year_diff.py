"""compare_crt_reports: two CRT CountryReports of one country into a YearDiff."""

from typing import TypedDict

from crtdiff.compare.facts import fact_changes
from crtdiff.compare.groups import compare_groups
from crtdiff.compare.headline import headlines
from crtdiff.compare.incidents import compare_incidents
from crtdiff.compare.measures import compare_measures, compare_organisations
from crtdiff.compare.sections import compare_sections
from crtdiff.errors import InputError
from crtdiff.reference.gazetteer import Gazetteer
from crtdiff.schemas import CountryReport
from crtdiff.schemas.diff import SourceRef, YearDiff


class PairIdentity(TypedDict):
    """What names a comparison: the country, chapter and years, and both sources as cited."""

    country: str
    old_year: int
    new_year: int
    chapter: str
    old_source: SourceRef
    new_source: SourceRef
    illustrative: bool


def pair_identity(old: CountryReport, new: CountryReport) -> PairIdentity:
    """The fields of a YearDiff that say which two chapters it compares (every series)."""
    return PairIdentity(
        country=new.country,
        old_year=old.year,
        new_year=new.year,
        chapter=new.chapter,
        old_source=source_ref(old),
        new_source=source_ref(new),
        illustrative=old.source.illustrative or new.source.illustrative,
    )


def source_ref(report: CountryReport) -> SourceRef:
    """How a diff cites one of its two reports."""
    source = report.source
    return SourceRef(
        uri=source.uri,
        sha256=source.sha256,
        illustrative=source.illustrative,
        title=report.title,
        url=source.url,
        published=source.published,
        retrieved_at=source.retrieved_at,
    )


def comparison_problems(old: CountryReport, new: CountryReport) -> list[str]:
    """Why two chapters are not an old and a new year of one country's chapter (if they are not)."""
    problems = []
    if old.country != new.country:
        problems.append(f"compares {old.country} with {new.country}: not the same country")
    if old.year > new.year:
        problems.append(
            f"the older chapter is {old.year} and the newer {new.year}: the years are reversed"
        )
    if old.chapter != new.chapter:
        problems.append(f"compares a {old.chapter!r} chapter with a {new.chapter!r} chapter")
    return problems


def check_comparable(old: CountryReport, new: CountryReport, *, force: bool = False) -> None:
    """Refuse two series always; two countries, reversed years or two kinds of chapter unless
    `force` is set (then the caller must say so loudly)."""
    if old.series != new.series:
        raise InputError(
            new.source.uri, f"compares a {old.series} report with a {new.series} report"
        )
    problems = comparison_problems(old, new)
    if problems and not force:
        raise InputError(new.source.uri, "; ".join(problems))


def compare_crt_reports(old: CountryReport, new: CountryReport, gazetteer: Gazetteer) -> YearDiff:
    """What changed from `old` to `new`, two CRT chapters (checked by `check_comparable`;
    crtdiff.series.compare.compare_reports checks, then picks each series' comparison)."""
    groups = compare_groups(old, new, gazetteer)
    incidents = compare_incidents(old, new)
    legal = compare_measures(old, new)
    sections, recycled = compare_sections(old, new)
    return YearDiff(
        **pair_identity(old, new),
        headline=headlines(groups, incidents, legal, sections, recycled, (old.year, new.year)),
        groups=groups,
        incidents=incidents,
        legal_measures=legal,
        organisations=compare_organisations(old, new),
        sections=sections,
        fact_changes=fact_changes(old, new),
        recycled_share=recycled,
    )
