"""Run the extractors a series names in series.csv over a sectioned report."""

from crtdiff.extract.evidence import SentenceIndex
from crtdiff.extract.facts import extract_facts
from crtdiff.extract.groups import build_organisations, find_names
from crtdiff.extract.legal import extract_legal_measures
from crtdiff.reference.bundle import Reference
from crtdiff.reference.series import CRT_STACK
from crtdiff.schemas import CountryReport
from crtdiff.series.counts import extract_counts
from crtdiff.series.laws import extract_laws


def extract_series_facts(
    report: CountryReport, ref: Reference, extractors: frozenset[str]
) -> CountryReport:
    """A copy of `report` with the facts of each named extractor filled in.

    The CRT stack (groups, incidents, legal measures, organisations) runs as one pass, exactly as
    for CRT; other extractors run one by one.
    """
    crt = extractors >= CRT_STACK
    if crt:
        report = extract_facts(report, ref)
    rest = extractors - CRT_STACK if crt else extractors
    if not rest:  # CRT: nothing beyond its one pass, so no second sentence index
        return report
    index = SentenceIndex(report)
    update: dict[str, object] = {}
    if "organisations" in rest:
        findings = find_names(report.body, ref.names, ref.gazetteer, ref.fuzzy, index)
        update["organisations"] = build_organisations(findings, report.body, ref.gazetteer, index)
    if "legal_measures" in rest:
        update["legal_measures"] = extract_legal_measures(index, report.year)
    if "laws" in rest:
        update["laws"] = extract_laws(report, index)
    if "counts" in rest:
        update["counts"] = extract_counts(report, index)
    return report.model_copy(update=update) if update else report
