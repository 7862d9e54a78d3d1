"""compare_reports: two reports of one series compared by that series' plugin."""

from crtdiff.compare.year_diff import check_comparable
from crtdiff.reference.gazetteer import Gazetteer
from crtdiff.schemas import CountryReport
from crtdiff.schemas.diff import YearDiff
from crtdiff.series.registry import series_named


def compare_reports(
    old: CountryReport, new: CountryReport, gazetteer: Gazetteer, *, force: bool = False
) -> YearDiff:
    """What changed from `old` to `new` (two chapters of one country, old year first).

    Two countries, reversed years or two kinds of chapter are refused unless `force` is set
    (then the caller must say so loudly); two series are always refused. Each series is
    compared by its plugin (CRT's is crtdiff.compare.year_diff.compare_crt_reports).
    """
    check_comparable(old, new, force=force)
    return series_named(new.series).plugin.compare(old, new, gazetteer)
