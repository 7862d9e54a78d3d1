"""A site of several series: the catalogue split by series, each series' output folder, the
links that let the reader switch series, and one run report for all of them."""

from dataclasses import replace
from pathlib import Path

from crtdiff.catalog.load import Catalog
from crtdiff.pipeline.outcome import EntryOutcome, RunReport
from crtdiff.series.definition import DEFAULT_SERIES
from crtdiff.series.registry import load_series


def split_by_series(catalog: Catalog) -> dict[str, Catalog]:
    """One catalogue per series present (CRT first, the rest in series.csv order); rejected
    entries stay with CRT's, so that they are reported once."""
    order = list(load_series())
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
    folder = load_series()[series].definition.outputs
    return out_dir / folder if folder else out_dir


def switch_links(site: tuple[str, ...], current: str) -> list[dict[str, object]]:
    """Links from one series' index to every series of the site (none on a one-series site)."""
    if len(site) < 2:
        return []
    known = load_series()
    here = known[current].definition.outputs
    up = "../" if here else ""
    links: list[dict[str, object]] = []
    for name in site:
        folder = known[name].definition.outputs
        links.append(
            {
                "name": known[name].definition.title,
                "short": known[name].definition.short_name,
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
    the series' name)."""
    first = next(iter(parts.values()))
    merged = RunReport(started_at=first.started_at, catalog=catalog)
    for series, part in parts.items():
        merged.entries += _labelled(part.entries, series)
        merged.comparisons += _labelled(part.comparisons, series)
        for name, value in vars(part.work).items():
            setattr(merged.work, name, getattr(merged.work, name) + value)
        merged.finished_at = part.finished_at
    return merged
