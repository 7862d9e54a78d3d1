"""The command line: output on stdout, one-line errors on stderr, exit codes, no Prefect."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SEED


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

    fetch = pickle.loads(pickle.dumps(FetchError("https://x/", "HTTP 503", transient=True)))
    assert (str(fetch), fetch.transient) == ("https://x/: HTTP 503", True)
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
        "import crtdiff.cli\n"
        "def broken(*args, **kwargs):\n"
        "    raise ZeroDivisionError('a bug')\n"
        "crtdiff.cli.parse_chapter = broken\n"
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
