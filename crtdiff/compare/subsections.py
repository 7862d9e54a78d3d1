"""compare_outline_reports: two reports of a long-document series (HRR) compared unit by unit.

The units (lettered sub-sections) of both outlines are matched first (crtdiff/compare/
outline_match.py); each new unit is then compared with the old units it comes from, joined, by
the same section comparison CRT uses (the four Lazy Prices measures, the sentence alignment with
word-level redlines, sentences moved between units).
"""

from crtdiff.compare.facts import fact_changes
from crtdiff.compare.groups import compare_groups
from crtdiff.compare.incidents import compare_incidents
from crtdiff.compare.measures import compare_measures, compare_organisations
from crtdiff.compare.outline_headline import outline_headlines
from crtdiff.compare.outline_match import Matched, make_units, match_units
from crtdiff.compare.sections import compare_sections
from crtdiff.compare.year_diff import pair_identity
from crtdiff.reference.gazetteer import Gazetteer
from crtdiff.reference.outline import Outline
from crtdiff.schemas import CountryReport, Section, SectionAssignment
from crtdiff.schemas.diff import SectionDiff, YearDiff
from crtdiff.schemas.series import (
    CountChange,
    CountKind,
    LawsDiff,
    MatchKind,
    OutlineMatch,
    ReportedCount,
)


def _joined(key: str, sections: list[Section]) -> Section:
    """Several old units read as one, under the key of the unit they became."""
    return Section.model_construct(
        key=key,
        heading="; ".join(s.heading for s in sections if s.heading) or None,
        assigned_by=SectionAssignment.HEADING,
        text="\n\n".join(s.text for s in sections),
        sentences=sorted((x for s in sections for x in s.sentences), key=lambda x: x.start),
    )


def _regrouped(
    old: CountryReport, new: CountryReport, matches: list[Matched]
) -> tuple[CountryReport, CountryReport]:
    """Both reports with the old units joined per match: each old sentence in one place only
    (a unit split off an old one shows what it took as sentences moved in)."""
    sections = []
    for m in matches:
        key = m.new.section.key if m.new is not None else m.old[0].section.key
        if m.kind is not MatchKind.SPLIT and m.old:
            sections.append(_joined(key, [u.section for u in m.old]))
    return old.model_copy(update={"sections": sections}), new


def _outline_match(m: Matched) -> OutlineMatch:
    return OutlineMatch(
        kind=m.kind,
        new_key=m.new.section.key if m.new else None,
        new_heading=m.new.section.heading if m.new else None,
        old_keys=[u.section.key for u in m.old],
        old_headings=[u.section.heading or "" for u in m.old],
        heading_similarity=None if m.heading_similarity is None else round(m.heading_similarity, 4),
        content_similarity=None if m.content_similarity is None else round(m.content_similarity, 4),
    )


def _largest(counts: list[ReportedCount]) -> int | None:
    return max((c.figure for c in counts if c.figure is not None), default=None)


def compare_counts(old: CountryReport, new: CountryReport) -> list[CountChange]:
    """Per kind, every figure each year gives and the largest."""
    out = []
    for kind in CountKind:
        a = [c for c in old.counts or [] if c.kind is kind]
        b = [c for c in new.counts or [] if c.kind is kind]
        out.append(
            CountChange(kind=kind, old=a, new=b, old_largest=_largest(a), new_largest=_largest(b))
        )
    return out


def compare_laws(old: CountryReport, new: CountryReport) -> LawsDiff:
    """Laws newly named, no longer named, and named in both years (by id)."""
    before = {law.id: law for law in old.laws or []}
    after = {law.id: law for law in new.laws or []}
    return LawsDiff(
        new=[law for key, law in after.items() if key not in before],
        no_longer_named=[law for key, law in before.items() if key not in after],
        continuing=[key for key in after if key in before],
    )


def _ordered(diffs: list[SectionDiff], matches: list[Matched]) -> list[SectionDiff]:
    by_key = {d.key: d for d in diffs}
    keys = [m.new.section.key if m.new else m.old[0].section.key for m in matches]
    return [by_key[k] for k in keys if k in by_key]


def compare_outline_reports(
    old: CountryReport, new: CountryReport, gazetteer: Gazetteer, outline: Outline
) -> YearDiff:
    """What changed from `old` to `new`, unit by unit along the series' outline (whether they
    are two years of one country is crtdiff.series.compare.compare_reports' to check)."""
    parents = {key: title for key, (_, title) in outline.sections().items()}

    def known(text: str) -> bool:
        return outline.read(text).row is not None

    matches = match_units(
        make_units(old.sections, parents, known), make_units(new.sections, parents, known)
    )
    joined_old, same_new = _regrouped(old, new, matches)
    sections, recycled = compare_sections(joined_old, same_new)
    sections = _ordered(sections, matches)
    counts = compare_counts(old, new) if new.counts is not None else None
    laws = compare_laws(old, new) if new.laws is not None else None
    legal = compare_measures(old, new)
    organisations = compare_organisations(old, new)
    outline_matches = [_outline_match(m) for m in matches]
    return YearDiff(
        **pair_identity(old, new),
        headline=outline_headlines(
            sections, outline_matches, counts, laws, legal, recycled, (old.year, new.year)
        ),
        groups=compare_groups(old, new, gazetteer),
        incidents=compare_incidents(old, new),
        legal_measures=legal,
        organisations=organisations,
        sections=sections,
        fact_changes=fact_changes(old, new),
        recycled_share=recycled,
        series=new.series,
        outline=outline_matches,
        counts=counts,
        laws=laws,
    )
