"""Prefect artifacts: every run's report as a table, and each country's newest headline and new
incidents, keyed per country (and chapter) so that the Prefect UI keeps their history run after
run."""

from prefect.artifacts import create_markdown_artifact, create_table_artifact

from crtdiff.compare.wording import (
    attribution_label,
    group_names,
    kind_label,
    place_label,
    target_label,
    toll_figure,
)
from crtdiff.pipeline.narrate import counts, report_table
from crtdiff.pipeline.outcome import RunReport
from crtdiff.schemas.diff import YearDiff
from crtdiff.text.normalize import slugify

RUN_REPORT_KEY = "crtdiff-run-report"
MAX_REPORT_ROWS = 2000
"""A table artifact is one JSON document in the API's database: a run of 10,000 chapters gets
its rows that need attention first, and the whole report stays in output/run-report.json."""


def artifact_key(country: str, what: str, chapter: str = "country") -> str:
    """Artifact keys allow lowercase letters, digits and dashes only."""
    where = country if chapter == "country" else f"{country} {chapter}"
    return f"{slugify(where)}-{what}"


def publish_run_report(run: RunReport) -> None:
    """The run report: one row per chapter and per comparison."""
    rows = sorted(report_table(run), key=lambda row: row["status"] == "ok")
    shown = rows[:MAX_REPORT_ROWS]
    more = (
        f"; {len(rows) - len(shown)} more rows in run-report.json" if len(rows) > len(shown) else ""
    )
    state = "up to date" if run.up_to_date else "run"
    create_table_artifact(
        key=RUN_REPORT_KEY,
        table=shown,
        description=f"crtdiff {state} of {run.started_at}: {counts(run)}{more}",
    )


def publish_pair(diff: YearDiff) -> None:
    """The pair's headline (markdown) and its new incidents (table); another series than CRT
    has its own keys (`hrr-<country>-headline`) and no incidents."""
    if diff.series != "crt":
        create_markdown_artifact(
            key=artifact_key(f"{diff.series} {diff.country}", "headline"),
            markdown="\n".join(
                [f"### {diff.country} ({diff.series.upper()}): {diff.old_year} → {diff.new_year}"]
                + [f"- {h.text}" for h in diff.headline]
            ),
            description=f"What changed in {diff.country} from {diff.old_year} to {diff.new_year}",
        )
        return
    lines = [f"### {diff.country}: {diff.old_year} → {diff.new_year}"]
    if diff.illustrative:
        lines.append("_Illustrative text: not official State Department text._")
    lines += [f"- {h.text}" for h in diff.headline]
    refs = diff.groups.by_id()
    create_markdown_artifact(
        key=artifact_key(diff.country, "headline", diff.chapter),
        markdown="\n".join(lines),
        description=f"What changed in {diff.country} from {diff.old_year} to {diff.new_year}",
    )
    create_table_artifact(
        key=artifact_key(diff.country, "new-incidents", diff.chapter),
        table=[
            {
                "date": i.date,
                "place": place_label(i.place, i.country, diff.country),
                "kind": kind_label(i.kind),
                "target": target_label(i.target),
                "perpetrators": group_names(i.perpetrators, refs),
                "attribution": attribution_label(i.attribution),
                "killed (at least)": toll_figure(i.killed_min),
                "wounded (at least)": toll_figure(i.wounded_min),
                "kidnapped (at least)": toll_figure(i.kidnapped_min),
            }
            for i in diff.incidents.new
        ],
        description=f"New incidents in {diff.country}'s {diff.new_year} chapter",
    )
