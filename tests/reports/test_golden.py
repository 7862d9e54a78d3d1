"""The Markdown summary of 2016 → 2017, compared with a reviewed golden file.

A deliberate change of wording or extraction shows up here as a diff to review; accept it with
`pytest tests/reports/test_golden.py --update-golden`.
"""

from crtdiff.reports.markdown import render_pair_markdown
from crtdiff.schemas.diff import YearDiff
from tests.conftest import FIXTURES

GOLDEN = FIXTURES / "golden" / "mali-2016-2017.md"


def test_markdown_matches_golden(mali_diffs: list[YearDiff], update_golden: bool) -> None:
    rendered = render_pair_markdown(mali_diffs[1])
    if update_golden:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(rendered, encoding="utf-8")
    assert rendered == GOLDEN.read_text(encoding="utf-8")
