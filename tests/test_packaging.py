"""The package metadata builds with the pinned setuptools without a deprecation warning."""

import tomllib
import warnings

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
