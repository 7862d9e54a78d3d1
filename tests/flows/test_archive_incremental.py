"""The pages across countries when one country-year is added: only the group and year pages
whose own chapters or neighbours changed are rendered again (counted), and every page is what
a run from scratch writes."""

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import crtdiff.reports.group_pages
import crtdiff.reports.year_pages
from crtdiff.flows.pipeline import crtdiff_run
from crtdiff.flows.runtime import quiet_flow_settings
from crtdiff.paths import DATA_DIR
from tests.conftest import FIXTURES, SEED

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("prefect")]

CHAPTERS = {
    "mali/2015.txt": DATA_DIR / "samples" / "mali" / "2015.txt",
    "mali/2016.txt": SEED,
    "mali/2017.txt": DATA_DIR / "samples" / "mali" / "2017.txt",
    "niger/2012.txt": FIXTURES / "chapters" / "niger-2012.txt",
}


def archive(data: Path, chapters: dict[str, Path]) -> Path:
    """Chapters dropped into data/raw/ (picked up without catalogue entries)."""
    for target, source in chapters.items():
        (data / "raw" / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, data / "raw" / target)
    (data / "sources.toml").write_text("# every chapter is a file in raw/\n", encoding="utf-8")
    return data / "sources.toml"


def run(catalog: Path, root: Path, countries: list[str] | None = None) -> None:
    with quiet_flow_settings():
        report = crtdiff_run(
            str(catalog), str(root / "out"), str(root / "store"), countries, publish=False
        )
    assert report.exit_code == 0, report.entries


def counting(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Count the group and year pages rendered, by what they show."""
    rendered: Counter[str] = Counter()
    for module in (crtdiff.reports.group_pages, crtdiff.reports.year_pages):
        real = module.render_page

        def render(template: str, real: Any = real, **context: Any) -> str:
            if "group" in context:
                rendered[f"groups/{context['group'].id}"] += 1
            elif "page" in context:
                rendered[f"years/{context['page'].year}"] += 1
            else:
                rendered[template] += 1
            return str(real(template, **context))

        monkeypatch.setattr(module, "render_page", render)
    return rendered


def named_in(report: Path) -> set[str]:
    """The groups a chapter's JSON names or blames for an incident."""
    data = json.loads(report.read_text(encoding="utf-8"))
    return {g["id"] for g in data["groups"]} | {
        p for i in data["incidents"] for p in i["perpetrators"]
    }


def pages(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for folder in ("groups", "years")
        for p in sorted((out / folder).glob("*.html"))
    }


def test_one_new_year_renders_only_its_group_and_year_pages(
    prefect_server: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = archive(tmp_path / "data", CHAPTERS)
    run(catalog, tmp_path)
    out = tmp_path / "out"
    before = set(pages(out))

    rendered = counting(monkeypatch)
    run(catalog, tmp_path)
    assert rendered == Counter()  # nothing changed: the index is not even rendered

    niger = (FIXTURES / "chapters" / "niger-2012.txt").read_text(encoding="utf-8")
    (tmp_path / "data" / "raw" / "niger" / "2013.txt").write_text(
        niger.replace("2012", "2013"), encoding="utf-8"
    )
    run(catalog, tmp_path, ["Niger"])

    with_page = {p.removeprefix("groups/").removesuffix(".html") for p in before} - {"index"}
    touched = named_in(out / "niger" / "2013.json") & with_page
    mali_only = with_page - named_in(out / "niger" / "2012.json")
    assert touched and mali_only  # the archive has groups on both sides
    # The new year, and its neighbours on file (their previous / next links); 2016 and 2017
    # are untouched. Each group the new chapter names; none only Mali names.
    assert rendered == Counter(
        {"years/2012": 1, "years/2013": 1, "years/2015": 1, "years_index.html.j2": 1}
        | {f"groups/{gid}": 1 for gid in touched}
        | {"groups_index.html.j2": 1}
    )

    # Every page is what a run from scratch over the same archive writes.
    scratch = tmp_path / "scratch"
    run(catalog, scratch)
    assert pages(out) == pages(scratch / "out")
