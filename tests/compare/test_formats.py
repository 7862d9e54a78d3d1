"""The same chapter as text and as HTML gives the same facts; the compare command."""

import json
import subprocess
import sys

import pytest

from crtdiff.reference.bundle import Reference
from crtdiff.schemas import CountryReport
from crtdiff.series.compare import compare_reports
from tests.builders import crt_body_html
from tests.conftest import SEED, ParseFn

PAGE = (
    "<!DOCTYPE html><html><head><title>Mali - United States Department of State</title></head>"
    "<body><div class='header_banner_container'>An official website of the United States "
    "Government</div><h1>Country Reports on Terrorism 2016: Mali</h1><div class='report__content'>"
    "{body}</div><footer class='site-footer'>Privacy Policy</footer></body></html>"
)


def facts(report: CountryReport) -> dict[str, object]:
    return {
        "groups": [(g.id, len(g.mentions)) for g in report.groups],
        "organisations": [o.id for o in report.organisations],
        "incidents": [i.model_dump(exclude={"evidence"}) for i in report.incidents],
        "references": [r.model_dump(exclude={"evidence"}) for r in report.referenced_incidents],
        "legal": [m.model_dump(exclude={"evidence"}) for m in report.legal_measures],
        "sections": [(s.key, [x.text for x in s.sentences]) for s in report.sections],
    }


def test_text_and_html_give_the_same_facts(
    seed_report: CountryReport, parse: ParseFn, reference: Reference
) -> None:
    html = parse(PAGE.format(body=crt_body_html()).encode(), "https://www.state.gov/x/mali/")
    assert facts(html) == facts(seed_report)
    diff = compare_reports(seed_report, html, reference.gazetteer)
    assert diff.is_empty


@pytest.mark.integration  # the command in a subprocess
def test_compare_command_json_and_markdown() -> None:
    sample = "data/samples/mali/2017.txt"
    run = [
        sys.executable,
        "-c",
        "from crtdiff.cli import main; main()",
        "compare",
        str(SEED),
        sample,
    ]
    result = subprocess.run(run, capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    diff = json.loads(result.stdout)
    assert (diff["old_year"], diff["new_year"]) == (2016, 2017)
    assert diff["groups"]["renamed"][0]["new"]["id"] == "katiba-macina"
    markdown = subprocess.run(
        [*run, "--format", "markdown"], capture_output=True, text=True, check=False, timeout=60
    )
    assert markdown.returncode == 0, markdown.stderr
    assert markdown.stdout.startswith("# Mali: what changed from 2016 to 2017")
    assert "## Headline" in markdown.stdout
