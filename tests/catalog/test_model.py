"""An entry's local path stays inside the data folder, whatever links lie below it."""

from pathlib import Path

import pytest

from crtdiff.catalog.model import resolve_inside


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    (folder / "raw" / "mali").mkdir(parents=True)
    (folder / "raw" / "mali" / "2016.txt").write_text("chapter", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "2016.txt").write_text("outside", encoding="utf-8")
    return folder


def test_a_plain_path_is_its_resolved_path(data: Path) -> None:
    path = resolve_inside(data, "raw/mali/2016.txt", "path")
    assert path == (data / "raw" / "mali" / "2016.txt").resolve()


@pytest.mark.parametrize("linked", ["raw/chad", "raw", "raw/mali/2017.txt"])
def test_a_link_leading_out_is_refused_at_any_depth(data: Path, linked: str) -> None:
    target = data.parent / "elsewhere"
    if linked == "raw":
        (data / "raw").rename(data / "raw-real")
    link = data / linked
    link.symlink_to(target / "2016.txt" if linked.endswith(".txt") else target)
    relative = linked if linked.endswith(".txt") else f"{linked}/2016.txt"
    with pytest.raises(ValueError, match="escapes the data folder"):
        resolve_inside(data, relative, "path")


def test_a_link_staying_inside_is_followed(data: Path) -> None:
    (data / "raw" / "mali-alias").symlink_to(data / "raw" / "mali")
    path = resolve_inside(data, "raw/mali-alias/2016.txt", "path")
    assert path == (data / "raw" / "mali" / "2016.txt").resolve()


def test_dot_dot_leading_out_is_refused(data: Path) -> None:
    with pytest.raises(ValueError, match="escapes the data folder"):
        resolve_inside(data, "raw/../../elsewhere/2016.txt", "path")
