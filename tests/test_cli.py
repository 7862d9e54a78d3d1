"""The command line: output on stdout, one-line errors on stderr, exit codes, no Prefect."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SEED

pytestmark = pytest.mark.integration  # subprocesses and local servers: not `make unit`


def crtdiff(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from crtdiff.cli import main; main()", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_ingest_prints_the_report_json() -> None:
    result = crtdiff("ingest", str(SEED))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["country"], report["year"]) == ("Mali", 2016)
    assert [s["key"] for s in report["sections"]][:2] == ["overview", "incidents"]


def test_ingest_overrides() -> None:
    page = FIXTURES / "pages" / "region-africa-2013.html"
    result = crtdiff("ingest", str(page), "--country", "Mauritania", "--year", "2013")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["country"] == "Mauritania"


def test_ingest_never_starts_prefect() -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from crtdiff.cli import app\n"
        f"r = CliRunner().invoke(app, ['ingest', {str(SEED)!r}])\n"
        "assert r.exit_code == 0, r.output\n"
        "assert 'prefect' not in sys.modules, 'ingest imported prefect'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (None, [], "file not found"),
        (b"", [], "file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", [], "PNG image"),
        (b"%PDF-1.4\n", [], "PDF cannot be read"),
        (
            b"<html><body><nav>Home</nav><p>Welcome to our site.</p></body></html>",
            [],
            "no chapter text found",
        ),
        (SEED.read_bytes(), ["--country", "Wakanda"], "unknown country 'Wakanda'"),
    ],
)
def test_errors_are_one_line_without_traceback(
    content: bytes | None, args: list[str], message: str, tmp_path: Path
) -> None:
    path = tmp_path / "chapter.html"
    if content is not None:
        path.write_bytes(content)
    result = crtdiff("ingest", str(path), *args)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("crtdiff: error: ")
    assert "chapter.html" in lines[0] and message in lines[0]
    assert "Traceback" not in result.stderr


def test_schemas_are_up_to_date() -> None:
    result = crtdiff("schemas", "--check")
    assert result.returncode == 0, f"run `crtdiff schemas`: {result.stderr}"


def test_run_with_a_broken_catalogue_exits_2(tmp_path: Path) -> None:
    catalog = tmp_path / "sources.toml"
    catalog.write_text("[[report]\n", encoding="utf-8")
    result = crtdiff("run", "--catalog", str(catalog), "--out", str(tmp_path / "out"), "-q")
    assert result.returncode == 2
    assert result.stderr.strip().startswith("crtdiff: error: ")
    assert "not valid TOML" in result.stderr
    assert "Traceback" not in result.stderr


def test_errors_survive_pickling_between_processes() -> None:
    import pickle

    from crtdiff.errors import FetchError, NoChapterError

    error = FetchError("https://x/", "HTTP 503", transient=True, status=503)
    fetch = pickle.loads(pickle.dumps(error))
    assert (str(fetch), fetch.transient, fetch.status) == ("https://x/: HTTP 503", True, 503)
    other = pickle.loads(pickle.dumps(NoChapterError("page.html", "no chapter")))
    assert (type(other), other.source, other.problem) == (NoChapterError, "page.html", "no chapter")


def test_compare_never_starts_prefect() -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from crtdiff.cli import app\n"
        f"r = CliRunner().invoke(app, ['compare', {str(SEED)!r}, 'data/samples/mali/2017.txt', '-f', 'markdown'])\n"
        "assert r.exit_code == 0, r.output\n"
        "assert 'prefect' not in sys.modules, 'compare imported prefect'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def one_line_error(result: subprocess.CompletedProcess[str], code: int) -> str:
    """The single stderr line of a failed command (nothing on stdout, no traceback)."""
    assert result.returncode == code, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("crtdiff: error: "), result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    return lines[0]


def test_version() -> None:
    from crtdiff import __version__

    result = crtdiff("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"crtdiff {__version__}"


@pytest.fixture
def mali_catalog(tmp_path: Path) -> Path:
    """A catalogue of one Mali chapter (runs below fail before any Prefect starts)."""
    (tmp_path / "raw" / "mali").mkdir(parents=True)
    (tmp_path / "raw" / "mali" / "2016.txt").write_bytes(SEED.read_bytes())
    catalog = tmp_path / "sources.toml"
    catalog.write_text('[[report]]\ncountry = "Mali"\nyear = 2016\nsource = "raw/mali/2016.txt"\n')
    return catalog


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        ("Mlai", ["unknown country 'Mlai'", "did you mean Mali"]),  # a typo
        ("Chad", ["no chapter of Chad in", "crtdiff add 'Chad' YEAR"]),  # not catalogued
    ],
)
def test_run_stops_at_a_country_it_cannot_run(
    country: str, expected: list[str], mali_catalog: Path, tmp_path: Path
) -> None:
    out = ["--out", str(tmp_path / "out"), "--store", str(tmp_path / "store")]
    result = crtdiff("run", "--catalog", str(mali_catalog), *out, "--country", country, "-q")
    line = one_line_error(result, 2)
    assert all(part in line for part in expected), line
    assert not (tmp_path / "out" / "index.html").exists()  # nothing ran, not even for all
    report = json.loads((tmp_path / "out" / "run-report.json").read_text(encoding="utf-8"))
    assert report["status"] == "failed" and report["error"] in line


def test_ingest_with_a_misspelt_country_suggests_names() -> None:
    line = one_line_error(crtdiff("ingest", str(SEED), "--country", "Malli"), 1)
    assert "did you mean Mali" in line


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["ingest", str(SEED), "--chapter", "bogus"],
            "'bogus' is not one of 'country', 'safe-haven'",
        ),
        (["ingest"], "Missing argument"),
        (["ingest", str(SEED), "--bogus"], "No such option: --bogus"),
        (["compare", str(SEED)], "Missing argument"),
        (["add", "Mali", "--file", str(SEED)], "Missing argument 'YEAR'"),
        (["discover", "--year", "3000"], "year 3000 is outside the years of the reports"),
        (["run", "--year", "1850"], "year 1850 is outside the years of the reports"),
        (["ingest", str(SEED), "--series", "hhr"], "unknown series 'hhr'"),
        (["compare", str(SEED), str(SEED), "--series", "Hrr"], "did you mean hrr?"),
        (["add", "Mali", "2016", "--file", str(SEED), "--series", "tip"], "known: crt, hrr"),
        (["discover", "--year", "2024", "--series", "hrx"], "did you mean hrr?"),
        (["nonsense"], "No such command 'nonsense'"),
    ],
)
def test_usage_errors_are_one_line(args: list[str], message: str) -> None:
    line = one_line_error(crtdiff(*args), 2)
    assert message in line and "--help" in line
    assert "pydantic" not in line.lower()


def test_ingest_names_an_unsupported_url_scheme() -> None:
    line = one_line_error(crtdiff("ingest", "ftp://x/y"), 1)
    assert "unsupported URL scheme ftp://" in line and "not found" not in line


def test_compare_advises_only_what_compare_has(tmp_path: Path) -> None:
    chapter = SEED.read_text(encoding="utf-8").split("Français Français")[1]
    chapter = chapter.split("This translation is provided")[0].replace(
        "2016 Terrorist", "Terrorist"
    )
    chapter = chapter.replace("Country Reports on Terrorism 2016", "")
    no_year = tmp_path / "mali.txt"
    no_year.write_text(chapter, encoding="utf-8")
    line = one_line_error(crtdiff("compare", str(no_year), str(SEED)), 1)
    assert "cannot tell the report year" in line
    assert "--year" not in line and "COUNTRY:YEAR" in line
    # ingest has the option, and says so
    assert "give it with --year" in one_line_error(crtdiff("ingest", str(no_year)), 1)


@pytest.mark.parametrize(
    "command", ["", "ingest", "compare", "run", "add", "discover", "serve", "schemas"]
)
def test_help_shows_no_type_placeholders_and_whole_defaults(command: str) -> None:
    result = crtdiff(*[c for c in [command] if c], "--help")
    assert result.returncode == 0, result.stderr
    assert "<bool>" not in result.stdout
    cut = [
        line
        for line in result.stdout.splitlines()
        if line.rstrip().endswith(("...", "…")) and not line.startswith("Usage:")
    ]
    assert cut == []
    if command in ("run", "add"):
        words = " ".join(result.stdout.split())
        assert "default: the project's data/sources.toml" in words
        assert "default: the project's .cache/results" in words


def test_schemas_check_says_so_on_success() -> None:
    result = crtdiff("schemas", "--check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "schemas/json: 2 schema files up to date"


def test_ingest_tells_the_series_from_the_page() -> None:
    page = FIXTURES / "hrr" / "hrr-2024-niger.html"
    result = crtdiff("ingest", str(page))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["series"], report["country"], report["year"]) == ("hrr", "Niger", 2024)
    refused = crtdiff("ingest", str(page), "--series", "crt")
    assert refused.returncode == 1
    assert refused.stderr.strip().endswith("page is from another report series "
                                           "(Country Reports on Human Rights Practices), not CRT")  # fmt: skip
    unknown = crtdiff("ingest", str(page), "--series", "tip")
    assert unknown.returncode == 2 and "unknown series" in unknown.stderr


def test_compare_hrr_years_as_markdown() -> None:
    old, new = FIXTURES / "hrr" / "hrr-2020-niger.txt", FIXTURES / "hrr" / "hrr-2024-niger.html"
    result = crtdiff("compare", str(old), str(new), "--series", "hrr", "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Niger: what changed from 2020 to 2024 (HRR)")
    assert "| b. Worker Rights | a. Freedom of Association" in result.stdout
    as_json = json.loads(crtdiff("compare", str(old), str(new)).stdout)
    assert as_json["series"] == "hrr" and as_json["outline"][1]["kind"] == "renamed"


def test_a_bug_shows_its_traceback_and_asks_to_report_it() -> None:
    prelude = (
        "import crtdiff.cli, crtdiff.series.chapter\n"
        "def broken(*args, **kwargs):\n"
        "    raise ZeroDivisionError('a bug')\n"
        "crtdiff.series.chapter.parse_chapter = broken\n"  # ingest imports it when it runs
    )
    result = subprocess.run(
        [sys.executable, "-c", f"{prelude}crtdiff.cli.main()", "ingest", str(SEED)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 3
    assert "Traceback" in result.stderr and "ZeroDivisionError: a bug" in result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        "crtdiff: internal error: please report it with the traceback above"
    )


def test_a_failing_disk_outside_a_run_is_one_line(tmp_path: Path) -> None:
    prelude = (
        "import errno, crtdiff.cli, crtdiff.catalog.add\n"
        "def full(*args, **kwargs):\n"
        "    raise OSError(errno.ENOSPC, 'No space left on device', 'data/snapshots')\n"
        "crtdiff.catalog.add.add_file = full\n"
    )
    catalog = tmp_path / "sources.toml"
    catalog.write_text("")
    result = subprocess.run(
        [sys.executable, "-c", f"{prelude}crtdiff.cli.main()", "add", "Mali", "2016",
         "--file", str(SEED), "--catalog", str(catalog), "--no-run"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["crtdiff: error: data/snapshots: disk full"]


def test_ingest_of_a_year_out_of_range_is_one_line() -> None:
    result = crtdiff("ingest", str(SEED), "--year", "3000")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "year 3000 is outside the years of the reports (1990–2100)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


SAMPLE_2017 = Path(__file__).resolve().parent.parent / "data" / "samples" / "mali" / "2017.txt"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (SEED, FIXTURES / "chapters" / "niger-2012.txt", "compares Mali with Niger"),
        (SAMPLE_2017, SEED, "the older chapter is 2017 and the newer 2016"),
    ],
)
def test_compare_refuses_two_countries_or_reversed_years(
    old: Path, new: Path, message: str
) -> None:
    result = crtdiff("compare", str(old), str(new))
    assert result.returncode == 1 and result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("crtdiff: error: ") and f"{new.name}: " in line and message in line
    forced = crtdiff("compare", str(old), str(new), "--force", "-f", "markdown")
    assert forced.returncode == 0, forced.stderr
    assert f"crtdiff: WARNING: {new}: {message}" in forced.stderr
    assert forced.stdout.startswith("# ")


def test_compare_gives_a_page_without_its_country_the_older_ones(tmp_path: Path) -> None:
    # The newer page does not say its country (no title, no country in its path): the older
    # chapter's country is used, and its text must agree.
    untitled = tmp_path / "chapter.txt"
    untitled.write_text(
        SAMPLE_2017.read_text(encoding="utf-8").replace(
            "Country Reports on Terrorism 2017: Mali", ""
        ),
        encoding="utf-8",
    )
    result = crtdiff("compare", str(SEED), str(untitled))
    assert result.returncode == 0, result.stderr
    diff = json.loads(result.stdout)
    assert (diff["country"], diff["old_year"], diff["new_year"]) == ("Mali", 2016, 2017)


def test_ingest_warns_on_stderr_when_the_text_is_another_countrys(tmp_path: Path) -> None:
    untitled = tmp_path / "chapter.txt"
    untitled.write_text(
        SEED.read_text(encoding="utf-8").split("Country Reports on Terrorism 2016\n")[1],
        encoding="utf-8",
    )
    result = crtdiff("ingest", str(untitled), "--country", "Niger", "--year", "2016")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["country"] == "Niger"
    assert f"crtdiff: warning: {untitled}: the text (names Mali" in result.stderr


def test_a_bad_recheck_interval_is_one_line(mali_catalog: Path, tmp_path: Path) -> None:
    out = ["--out", str(tmp_path / "out"), "--store", str(tmp_path / "store")]
    result = crtdiff("run", "--catalog", str(mali_catalog), *out, "--recheck-after", "soon")
    line = one_line_error(result, 2)
    assert (
        line
        == "crtdiff: error: --recheck-after: 'soon' is not a duration such as 0, 30m, 24h or 7d"
    )
