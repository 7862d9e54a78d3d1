"""extract_facts: fill a sectioned CountryReport with its groups, incidents, legal measures and
organisations, each traced to its sentence."""

from crtdiff.extract.aggregates import extract_aggregates
from crtdiff.extract.dates import invalid_dates
from crtdiff.extract.evidence import SentenceIndex
from crtdiff.extract.groups import build_groups, build_organisations, find_names
from crtdiff.extract.incident_context import Context
from crtdiff.extract.incidents import extract_incidents
from crtdiff.extract.legal import extract_legal_measures
from crtdiff.extract.references import extract_references
from crtdiff.extract.tolls import MAX_PLAUSIBLE_TOLL, implausible_figures, may_hold_implausible
from crtdiff.reference.bundle import Reference
from crtdiff.schemas import CountryReport, IngestWarning, SectionAssignment


def _impossible_dates(index: SentenceIndex, year: int) -> list[IngestWarning]:
    """A date the calendar does not have ("February 30") is read as no date at all: say so."""
    return [
        IngestWarning(
            code="impossible_date",
            message=f"{phrase!r} is not a date (section {located.section}); the fact keeps only "
            "the precision the text supports",
        )
        for located in index.sentences
        for phrase in invalid_dates(located.sentence.text, year)
    ]


def _implausible_tolls(index: SentenceIndex, body: str) -> list[IngestWarning]:
    """A casualty figure no attack has approached (a typo, or a hostile text): left out."""
    if not may_hold_implausible(body):
        return []  # the common case: one search of the body instead of one per sentence
    return [
        IngestWarning(
            code="implausible_toll",
            message=f"{figure:,} {klass} (section {located.section}) is beyond any plausible "
            f"toll (over {MAX_PLAUSIBLE_TOLL:,}); the figure is left out",
        )
        for located in index.sentences
        for klass, figure in implausible_figures(located.sentence.text)
    ]


def _incident_lists(report: CountryReport) -> frozenset[str]:
    """The incidents section when a heading names it (in a headless chapter it is a topic)."""
    return frozenset(
        s.key
        for s in report.sections
        if s.key == "incidents" and s.assigned_by is SectionAssignment.HEADING
    )


def extract_facts(report: CountryReport, ref: Reference) -> CountryReport:
    """A copy of `report` with every extracted fact filled in."""
    gazetteer, countries = ref.gazetteer, ref.countries
    index = SentenceIndex(report)
    findings = find_names(report.body, ref.names, gazetteer, ref.fuzzy, index)
    entries = {**gazetteer.entries, **findings.text_entries}
    group_hits = [h for h in findings.hits if entries[h.entry_id].is_group]
    # Forces with names of their own, and missions named as the organisations they are.
    missions = ref.forces.by_organisation
    forces = [
        (h.start, h.end, f.target) for h in findings.forces if (f := ref.forces.get(h.entry_id))
    ]
    forces += [(h.start, h.end, f.target) for h in findings.hits if (f := missions.get(h.entry_id))]
    ctx = Context(
        country=report.country,
        year=report.year,
        countries=countries,
        groups=group_hits,
        blocked=[(h.start, h.end) for h in [*findings.hits, *findings.forces]],
        places=ref.places,
        forces=sorted(forces),
        terms=ref.country_terms,
    )
    return report.model_copy(
        update={
            "groups": build_groups(findings, report.body, gazetteer, index),
            "organisations": build_organisations(findings, report.body, gazetteer, index),
            "incidents": extract_incidents(report, ctx),
            "referenced_incidents": extract_references(report, ctx, index),
            "aggregate_tolls": extract_aggregates(report, ctx),
            "legal_measures": extract_legal_measures(index, report.year, _incident_lists(report)),
            "warnings": [
                *report.warnings,
                *findings.warnings,
                *_impossible_dates(index, report.year),
                *_implausible_tolls(index, report.body),
            ],
        }
    )
