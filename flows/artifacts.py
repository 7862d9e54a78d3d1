"""Prefect artifacts: each country's newest headline and new incidents, keyed per country so the
Prefect UI keeps their history run after run."""

from prefect.artifacts import create_markdown_artifact, create_table_artifact

from crtdiff.compare.wording import (
    attribution_label,
    group_names,
    kind_label,
    place_label,
    target_label,
    toll_figure,
)
from crtdiff.text.normalize import slugify
from schemas.diff import YearDiff


def artifact_key(country: str, what: str) -> str:
    """Artifact keys allow lowercase letters, digits and dashes only."""
    return f"{slugify(country)}-{what}"


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
        key=artifact_key(diff.country, "headline"),
        markdown="\n".join(lines),
        description=f"What changed in {diff.country} from {diff.old_year} to {diff.new_year}",
    )
    create_table_artifact(
        key=artifact_key(diff.country, "new-incidents"),
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
