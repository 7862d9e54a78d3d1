"""Compare every consecutive pair of report years per country and write the diffs."""

from collections import defaultdict
from itertools import pairwise
from pathlib import Path

from crtdiff.compare.year_diff import compare_reports
from crtdiff.errors import CrtdiffError
from crtdiff.pipeline.outcome import EntryOutcome, Status
from crtdiff.reference.gazetteer import Gazetteer
from crtdiff.store.atomic import atomic_write_text
from crtdiff.text.normalize import slugify
from schemas import CountryReport
from schemas.diff import YearDiff

Pair = tuple[CountryReport, CountryReport]


def consecutive_pairs(reports: list[CountryReport]) -> list[Pair]:
    """Each country's (and chapter's) reports in year order, paired with the next one."""
    by_country: dict[tuple[str, str], list[CountryReport]] = defaultdict(list)
    for report in reports:
        by_country[(report.country, report.chapter)].append(report)
    pairs: list[Pair] = []
    for key in sorted(by_country):
        ordered = sorted(by_country[key], key=lambda r: r.year)
        pairs.extend(pairwise(ordered))
    return pairs


def diff_path(out_dir: Path, diff: YearDiff) -> Path:
    """output/<country-slug>/<old>-<new>.json (chapter suffix for non-country chapters)."""
    suffix = "" if diff.chapter == "country" else f"-{slugify(diff.chapter)}"
    return out_dir / slugify(diff.country) / f"{diff.old_year}-{diff.new_year}{suffix}.json"


def compare_pair(
    pair: Pair, gazetteer: Gazetteer, out_dir: Path
) -> tuple[EntryOutcome, YearDiff | None]:
    """Compare one pair and write its JSON; a failure is reported, never raised."""
    old, new = pair
    key = f"{new.country}:{old.year}-{new.year}"
    try:
        diff = compare_reports(old, new, gazetteer)
    except CrtdiffError as exc:
        return EntryOutcome(key, Status.REJECTED, reason=str(exc)), None
    except Exception as exc:  # a bug must not take down the other comparisons
        reason = f"internal error ({type(exc).__name__}: {exc}); please report it"
        return EntryOutcome(key, Status.REJECTED, reason=reason), None
    path = diff_path(out_dir, diff)
    atomic_write_text(path, diff.model_dump_json(indent=2) + "\n")
    outcome = EntryOutcome(
        key, Status.OK, output=path.relative_to(out_dir).as_posix(), illustrative=diff.illustrative
    )
    return outcome, diff
