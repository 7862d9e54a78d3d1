"""A site of several series: the catalogue split by series, each series' output folder, the
links that let the reader switch series, and one run report for all of them.

Light (series definitions only, no plugin): the up-to-date check splits the catalogue too."""

from dataclasses import replace
from pathlib import Path

from crtdiff.catalog.load import Catalog
from crtdiff.pipeline.outcome import EntryOutcome, RunReport
from crtdiff.reference.series import DEFAULT_SERIES, definitions


def split_by_series(catalog: Catalog) -> dict[str, Catalog]:
    """One catalogue per series present (CRT first, the rest in series.csv order); rejected
    entries stay with CRT's, so that they are reported once."""
    order = list(definitions())
    present = sorted({e.series for e in catalog.entries} | {DEFAULT_SERIES}, key=order.index)
    return {
        name: replace(
            catalog,
            entries=[e for e in catalog.entries if e.series == name],
            rejected=catalog.rejected if name == DEFAULT_SERIES else [],
        )
        for name in present
    }


def series_out_dir(out_dir: Path, series: str) -> Path:
    """Where a series' outputs go: CRT's in the output folder itself, the others in theirs."""
    folder = definitions()[series].outputs
    return out_dir / folder if folder else out_dir


def series_title(series: str) -> str:
    """The series' full name (`Country Reports on Human Rights Practices`)."""
    return definitions()[series].title


def switch_links(site: tuple[str, ...], current: str) -> list[dict[str, object]]:
    """Links from one series' index to every series of the site (none on a one-series site)."""
    if len(site) < 2:
        return []
    known = definitions()
    here = known[current].outputs
    up = "../" if here else ""
    links: list[dict[str, object]] = []
    for name in site:
        folder = known[name].outputs
        links.append(
            {
                "name": known[name].title,
                "short": known[name].short_name,
                "href": up + (f"{folder}/" if folder else "") + "index.html",
                "current": name == current,
            }
        )
    return links


def _labelled(outcomes: list[EntryOutcome], series: str) -> list[EntryOutcome]:
    if series == DEFAULT_SERIES:
        return outcomes
    return [replace(o, key=f"{o.key} ({series})") for o in outcomes]


def merge_reports(parts: dict[str, RunReport], catalog: str | None) -> RunReport:
    """One report for a run over several series (outcome keys of other series than CRT carry
    the series' name): up to date when every series is, URLs asked again at the earliest."""
    first = next(iter(parts.values()))
    merged = RunReport(started_at=first.started_at, catalog=catalog)
    merged.up_to_date = all(part.up_to_date for part in parts.values())
    checks = [part.next_url_check for part in parts.values() if part.next_url_check]
    merged.next_url_check = min(checks) if checks else None
    for series, part in parts.items():
        merged.entries += _labelled(part.entries, series)
        merged.comparisons += _labelled(part.comparisons, series)
        for name, value in vars(part.work).items():
            setattr(merged.work, name, getattr(merged.work, name) + value)
        merged.finished_at = part.finished_at
    return merged
