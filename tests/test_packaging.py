"""The package builds with the pinned setuptools without a deprecation warning, and installs
the `crtdiff` namespace alone."""

import shutil
import subprocess
import sys
import tomllib
import warnings
import zipfile
from pathlib import Path

import pytest

from crtdiff.paths import PROJECT_ROOT

PYPROJECT = PROJECT_ROOT / "pyproject.toml"


def test_the_metadata_builds_without_warnings() -> None:
    from setuptools.config.pyprojecttoml import apply_configuration
    from setuptools.dist import Distribution

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # setuptools' deprecation of the license table included
        dist = apply_configuration(Distribution(), PYPROJECT)
    assert dist.metadata.license_expression == "MIT"


def test_the_build_backend_is_a_setuptools_that_reads_spdx_licenses() -> None:
    build = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["build-system"]
    assert build["requires"] == ["setuptools>=77,<85"]


@pytest.mark.integration  # builds a wheel in a subprocess
def test_the_wheel_installs_crtdiff_alone(tmp_path: Path) -> None:
    """flows/, schemas/ and reports/ ship as crtdiff.flows, crtdiff.schemas, crtdiff.reports
    (with their templates and JSON Schemas); no generic top-level name, no benchmarks."""
    # Built from a copy (links kept as links): a build leaves build/ and *.egg-info behind.
    source = tmp_path / "source"
    for name in ("crtdiff", "flows", "schemas", "reports"):
        shutil.copytree(PROJECT_ROOT / name, source / name, symlinks=True,
                        ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(PROJECT_ROOT / name, source / name)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path / "dist"), str(source)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (wheel,) = (tmp_path / "dist").glob("crtdiff-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"crtdiff"}
    for expected in (
        "crtdiff/flows/pipeline.py", "crtdiff/schemas/report.py", "crtdiff/reports/site.py",
        "crtdiff/reports/templates/pair.html.j2", "crtdiff/reports/static/site.css",
        "crtdiff/schemas/json/country_report.schema.json",
    ):  # fmt: skip
        assert expected in names, expected
