"""The light half of the pipeline (what the up-to-date check imports) agrees with the rest."""

from crtdiff.pipeline.settle import SUMMARY_TABLES


def test_names_kept_here_are_those_the_renderers_use() -> None:
    from crtdiff.reports.tables import TABLES

    assert tuple(f"{name}.arrow" for name in TABLES) == SUMMARY_TABLES


def test_settling_loads_no_renderer_parser_or_prefect() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import crtdiff.pipeline.uptodate, crtdiff.run_command, crtdiff.cli\n"
        "heavy = {'prefect', 'httpx', 'pandas', 'jinja2', 'deepdiff', 'pypdfium2',\n"
        "         'crtdiff.series.registry', 'crtdiff.reference.bundle'}\n"
        "loaded = sorted(heavy & set(sys.modules))\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
