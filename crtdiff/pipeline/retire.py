"""Outputs of entries that left the catalogue or were rejected this time leave the site."""

import contextlib
from pathlib import Path

from crtdiff.pipeline.manifest import Manifest
from crtdiff.pipeline.outcome import RunReport, Status
from crtdiff.reports.output_paths import OutputPaths


def _stem_files(output: str, suffixes: tuple[str, ...]) -> list[str]:
    stem = output.removesuffix(".json")
    return [output, *(stem + suffix for suffix in suffixes)]


def retire_outputs(
    run: RunReport,
    manifest: Manifest,
    out_dir: Path,
    country_keys: dict[str, str],
    scope: set[str] | None,
) -> list[str]:
    """Delete the pages and JSON of the entries, pairs and countries of `scope` (every
    country when None) that this run did not produce, and forget them in the manifest;
    returns the paths removed. Without this, a rejected or removed chapter would still be
    served, and listed in the index, as if it were current."""

    def in_scope(label: str) -> bool:
        return scope is None or label.split(":", 1)[0] in scope

    live = {o.key for o in run.entries + run.comparisons if o.status is Status.OK}
    doomed: list[str] = []
    for records, suffixes in ((manifest.reports, (".html",)), (manifest.pairs, (".html", ".md"))):
        for label in [k for k in records if in_scope(k) and k not in live]:
            output = records.pop(label).get("output")
            if isinstance(output, str):
                doomed += _stem_files(output, suffixes)
    for country in [c for c in manifest.countries if in_scope(c) and c not in country_keys]:
        del manifest.countries[country]
        doomed.append(OutputPaths.country_page(country))
    removed = []
    root = out_dir.resolve()
    for relative in doomed:
        manifest.outputs.pop(relative, None)
        path = out_dir / relative
        if not path.resolve().is_relative_to(root):  # a tampered manifest deletes nothing
            continue
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(relative)
    return removed
