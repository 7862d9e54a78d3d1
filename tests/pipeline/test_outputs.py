"""Output paths come from canonical names only and can never leave the output folder."""

from pathlib import Path

import pytest

from crtdiff.pipeline.outputs import report_path


@pytest.mark.parametrize(
    ("country", "chapter"),
    [
        ("../../etc", "country"),
        ("Mali", "../../../tmp/x"),
        ("/abs/path", "country"),
        ("C:\\win", ".."),
    ],
)
def test_hostile_names_stay_inside(country: str, chapter: str, tmp_path: Path) -> None:
    out = tmp_path / "output"
    path = report_path(out, country, 2016, chapter).resolve()
    assert path.is_relative_to(out.resolve())
    assert ".." not in path.relative_to(out.resolve()).parts
