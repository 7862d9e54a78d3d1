"""A whole run without Prefect: the run logic with the means it is given (a Wiring), as the
flow gives its tasks and the plain-loop runner gives the steps themselves."""

import json
import shutil
from collections.abc import Callable, Iterator, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest

from crtdiff.catalog.load import load_catalog
from crtdiff.errors import CrtdiffError, FetchError
from crtdiff.fetch.http import Fetched
from crtdiff.paths import DATA_DIR
from crtdiff.pipeline.batches import process_batch
from crtdiff.pipeline.index_pages import render_index_pages
from crtdiff.pipeline.manifest import load_manifest
from crtdiff.pipeline.outcome import RunReport, Status
from crtdiff.pipeline.plain_runner import call_in_place, run_plain
from crtdiff.pipeline.run import RunScope, run_catalog
from crtdiff.pipeline.settle import summary_intact
from crtdiff.pipeline.stored_parts import DAMAGED
from crtdiff.pipeline.wiring import FetchRequest, Wiring
from crtdiff.reference.bundle import Reference
from crtdiff.reports.output_paths import OutputPaths
from crtdiff.reports.summaries import CountrySummary
from crtdiff.store.results import ResultStore, seal, unseal
from tests.conftest import FIXTURES, SEED

T = TypeVar("T")
URL = "https://www.example.invalid/crt-2017/mali/"


def catalogue(data: Path) -> Path:
    """Mali 2015-2017 (2017 a URL with an illustrative fallback) and Niger 2012."""
    files = {
        "mali/2015.txt": DATA_DIR / "samples" / "mali" / "2015.txt",
        "mali/2016.txt": SEED,
        "mali/2017.txt": DATA_DIR / "samples" / "mali" / "2017.txt",
        "niger/2012.txt": FIXTURES / "chapters" / "niger-2012.txt",
    }
    for name, source in files.items():
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, data / name)
    path = data / "sources.toml"
    path.write_text(
        '[[report]]\ncountry = "Mali"\nyear = 2015\nsource = "mali/2015.txt"\nillustrative = true\n'
        '[[report]]\ncountry = "Mali"\nyear = 2016\nsource = "mali/2016.txt"\n'
        f'[[report]]\ncountry = "Mali"\nyear = 2017\nsource = "{URL}"\n'
        'fallback = "mali/2017.txt"\n'
        '[[report]]\ncountry = "Niger"\nyear = 2012\nsource = "niger/2012.txt"\n'
        "illustrative = true\n",
        encoding="utf-8",
    )
    return path


class Recorder:
    """A Wiring's means that record what the run asked of them."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, int]] = []
        self.fetched: list[FetchRequest] = []
        self.progress: list[tuple[str, int, int | None]] = []

    def dispatch(self, step: Callable[..., T], calls: Sequence[tuple[Any, ...]]) -> Iterator[T]:
        self.steps.append((step.__name__, len(calls)))
        return call_in_place(step, calls)

    def fetch(self, requests: Sequence[FetchRequest]) -> Iterator[Fetched | FetchError]:
        self.fetched += requests
        return iter([FetchError(url, "offline for the test") for url, _, _ in requests])

    def report(self, stage: str, advance: int = 0, total: int | None = None) -> None:
        self.progress.append((stage, advance, total))

    def wiring(self) -> Wiring:
        return Wiring(self.dispatch, self.fetch, progress=self.report)


def run_once(tmp_path: Path, reference: Reference, recorder: Recorder, **options: Any) -> RunReport:
    catalog = load_catalog(tmp_path / "data" / "sources.toml", reference.countries)
    out, store = tmp_path / "out", tmp_path / "store"
    return run_catalog(catalog, reference, RunScope(out, store, **options), recorder.wiring())


def test_a_run_dispatches_batches_and_the_index_through_its_wiring(
    tmp_path: Path, reference: Reference, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue(tmp_path / "data")
    monkeypatch.setattr("crtdiff.pipeline.batches.BATCH", 1)  # a country per batch
    recorder = Recorder()
    run = run_once(tmp_path, reference, recorder)
    assert recorder.steps == [(process_batch.__name__, 2), (render_index_pages.__name__, 1)]
    assert recorder.fetched == [(URL, None, None)]
    assert [o.key for o in run.entries if o.status is Status.OK] == [
        "Mali:2015", "Mali:2016", "Mali:2017", "Niger:2012",
    ]  # fmt: skip
    fallback = next(o for o in run.entries if o.key == "Mali:2017")
    assert any("offline for the test" in note for note in fallback.notes)
    assert ("fetch", 0, 1) in recorder.progress and ("fetch", 1, None) in recorder.progress
    assert ("ingest", 4, None) not in recorder.progress  # one batch at a time
    out = tmp_path / "out"
    manifest = load_manifest(out)
    assert manifest.urls[URL]["error"] == "offline for the test"
    for page in (OutputPaths.INDEX, OutputPaths.country_page("Niger"),
                 *OutputPaths.pair_pages("Mali", 2016, 2017, "country")):  # fmt: skip
        assert (out / page).is_file(), page
    assert (run.work.ingested, run.work.compared, run.work.countries_rendered) == (4, 2, 2)


def test_the_next_run_reuses_everything_and_asks_no_url_within_the_interval(
    tmp_path: Path, reference: Reference
) -> None:
    catalogue(tmp_path / "data")
    run_once(tmp_path, reference, Recorder())
    again = Recorder()
    run = run_once(tmp_path, reference, again, recheck_after=timedelta(hours=1))
    assert again.fetched == []
    assert again.steps == []  # every country settled in place: no batch, no index
    assert run.next_url_check is not None
    assert (run.work.ingested, run.work.ingest_cached, run.work.countries_cached) == (0, 4, 2)


def test_the_plain_runner_runs_a_catalogue_file_as_crtdiff_run_does(tmp_path: Path) -> None:
    """Steps in place, URLs fetched for real (this one cannot be reached: the fallback is
    read), the report written beside the site; a missing file is one entry rejected."""
    path = catalogue(tmp_path / "data")
    with path.open("a", encoding="utf-8") as catalogue_file:
        catalogue_file.write('[[report]]\ncountry = "Chad"\nyear = 2016\nsource = "none.txt"\n')
    lines: list[tuple[int, str]] = []
    run = run_plain(path, tmp_path / "out", tmp_path / "store", log=lines.extend)
    assert run.exit_code == 1, run.failure or run.bug
    assert [o.key for o in run.rejected] == ["Chad:2016"]
    written = json.loads((tmp_path / "out" / OutputPaths.RUN_REPORT).read_text(encoding="utf-8"))
    assert "Chad:2016" in json.dumps(written)
    assert any(URL in message for _, message in lines)
    assert (tmp_path / "out" / OutputPaths.chapter_page("Mali", 2017)).is_file()


def _summary(tmp_path: Path, country: str, name: str = "json") -> Path:
    key = load_manifest(tmp_path / "out").countries[country]
    return tmp_path / "store" / "summaries" / f"{key}.{name}"


def _add_niger_2013(tmp_path: Path) -> None:
    niger = (tmp_path / "data" / "niger" / "2012.txt").read_text(encoding="utf-8")
    (tmp_path / "data" / "niger" / "2013.txt").write_text(
        niger.replace("2012", "2013"), encoding="utf-8"
    )
    with (tmp_path / "data" / "sources.toml").open("a", encoding="utf-8") as f:
        f.write('[[report]]\ncountry = "Niger"\nyear = 2013\nsource = "niger/2013.txt"\n')


def _other_form(stored: bytes) -> bytes:
    """A summary intact on disk but not of this version's form (a field it does not know)."""
    return seal((unseal(stored) or b"")[:-1] + b',"note":"from elsewhere"}')


@pytest.mark.parametrize(
    ("name", "damage"),
    [("json", lambda b: b[:-30]), ("json", _other_form), ("groups.arrow", lambda b: b[:-30])],
    ids=["summary", "summary of another form", "table"],
)
def test_a_run_of_one_country_rebuilds_another_found_damaged_by_the_index(
    tmp_path: Path, reference: Reference, name: str, damage: Callable[[bytes], bytes]
) -> None:
    """A run of some countries reads the others' stored summaries only for the index: one
    found damaged (or not of the form this version reads) there is rebuilt from its chapters,
    and the index made again, in that run."""
    catalogue(tmp_path / "data")
    run_once(tmp_path, reference, Recorder())
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    damaged = _summary(tmp_path, "Mali", name)
    damaged.write_bytes(damage(damaged.read_bytes()))
    _add_niger_2013(tmp_path)

    recorder = Recorder()
    run = run_once(tmp_path, reference, recorder, countries=["Niger"])
    assert run.exit_code == 0 and run.bug is None, run.bug
    assert recorder.steps == [
        (process_batch.__name__, 1), (render_index_pages.__name__, 1),  # Mali found damaged
        (process_batch.__name__, 1), (render_index_pages.__name__, 1),
    ]  # fmt: skip
    assert {o.key for o in run.entries if o.status is Status.OK} == {
        "Niger:2012", "Niger:2013", "Mali:2015", "Mali:2016", "Mali:2017",
    }  # fmt: skip
    assert run.work.countries_rendered == 2
    mali = load_manifest(tmp_path / "out").countries["Mali"]
    assert summary_intact(ResultStore(tmp_path / "store"), mali)
    again = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "2016.html" in again and again != index  # Mali still listed, Niger's 2013 added
    totals = [t for stage, _, t in recorder.progress if stage == "ingest" and t is not None]
    assert totals == [2, 2 + 3]  # Niger's entries, then Mali's too
    assert (URL, None, None) in recorder.fetched  # Mali's URL, checked for its rebuild


class Damaging(Recorder):
    """Damages one country's stored summary just before each rendering of the index (a
    concurrent writer, a failing disk)."""

    def __init__(self, tmp_path: Path, country: str) -> None:
        super().__init__()
        self.tmp_path, self.country = tmp_path, country

    def dispatch(self, step: Callable[..., T], calls: Sequence[tuple[Any, ...]]) -> Iterator[T]:
        if step is render_index_pages:
            key = calls[0][0][self.country]  # the country keys the index is given
            path = self.tmp_path / "store" / "summaries" / f"{key}.json"
            path.write_bytes(path.read_bytes()[:-30])
        return super().dispatch(step, calls)


@pytest.mark.parametrize("country", ["Niger", "Mali"], ids=["in the run", "damaged again"])
def test_a_summary_damaged_during_the_run_ends_it_with_one_line(
    tmp_path: Path, reference: Reference, country: str
) -> None:
    """A country of the run, just written, or one rebuilt and damaged again: the run ends
    with a one-line reason rather than going round for ever."""
    catalogue(tmp_path / "data")
    run_once(tmp_path, reference, Recorder())
    _add_niger_2013(tmp_path)
    recorder = Damaging(tmp_path, country)
    with pytest.raises(CrtdiffError) as caught:
        run_once(tmp_path, reference, recorder, countries=["Niger"])
    assert str(caught.value) == f"{country}: {DAMAGED}"
    rendered = [s for s in recorder.steps if s[0] == render_index_pages.__name__]
    assert len(rendered) == (1 if country == "Niger" else 2)


def test_a_summary_of_another_form_in_the_run_is_made_again_by_the_next_run(
    tmp_path: Path, reference: Reference
) -> None:
    """Intact on disk, a summary this version cannot read passes its seal, so the run that
    settled its country by it finds it only in the index: that run ends with its one-line
    reason, and the summary is removed, so that the next run makes it again instead of
    failing the same way for ever."""
    catalogue(tmp_path / "data")
    run_once(tmp_path, reference, Recorder())
    other = _summary(tmp_path, "Mali")
    other.write_bytes(_other_form(other.read_bytes()))
    _add_niger_2013(tmp_path)
    with pytest.raises(CrtdiffError) as caught:
        run_once(tmp_path, reference, Recorder())
    assert str(caught.value) == f"Mali: {DAMAGED}"
    run = run_once(tmp_path, reference, Recorder())
    assert run.exit_code == 0 and run.bug is None, run.bug
    mali = load_manifest(tmp_path / "out").countries["Mali"]
    assert ResultStore(tmp_path / "store").load("summaries", mali, CountrySummary) is not None


def test_a_damaged_country_no_longer_catalogued_leaves_the_site(
    tmp_path: Path, reference: Reference
) -> None:
    """A country removed from the catalogue stays on the site until a run of every country;
    a run of another that finds its summary damaged retires it, as that run would."""
    catalogue(tmp_path / "data")
    run_once(tmp_path, reference, Recorder())
    damaged = _summary(tmp_path, "Niger")
    damaged.write_bytes(damaged.read_bytes()[:-30])
    sources = tmp_path / "data" / "sources.toml"
    text = sources.read_text(encoding="utf-8")
    niger = '[[report]]\ncountry = "Niger"\nyear = 2012\nsource = "niger/2012.txt"\nillustrative = true\n'
    assert niger in text
    sources.write_text(text.replace(niger, ""), encoding="utf-8")
    mali = tmp_path / "data" / "mali" / "2016.txt"
    mali.write_text(mali.read_text(encoding="utf-8") + "\nA sentence added.\n", encoding="utf-8")

    run = run_once(tmp_path, reference, Recorder(), countries=["Mali"])
    assert run.exit_code == 0 and run.bug is None, run.bug
    assert "Niger" not in load_manifest(tmp_path / "out").countries
    assert not (tmp_path / "out" / "niger" / "index.html").exists()
    assert "Niger" not in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("child", [False, True], ids=["tables here", "tables in a child"])
def test_every_country_found_damaged_is_rebuilt_in_one_round(
    tmp_path: Path, reference: Reference, monkeypatch: pytest.MonkeyPatch, child: bool
) -> None:
    """One country's summary damaged, another's tables: the index names both at once, so the
    run rebuilds both, rather than taking the second for a damage during the run."""
    if child:  # the benchmark's archive size, where a child process writes the data tables
        from crtdiff.pipeline import index_pages
        from crtdiff.pipeline.archive_tables import start_tables

        monkeypatch.setattr(
            index_pages,
            "start_tables",
            lambda store, keys, folder: start_tables(store, keys, folder, child_from_bytes=0),
        )
    catalogue(tmp_path / "data")
    kenya = tmp_path / "data" / "kenya" / "2005.txt"
    kenya.parent.mkdir()
    shutil.copy(FIXTURES / "chapters" / "kenya-2005.txt", kenya)
    with (tmp_path / "data" / "sources.toml").open("a", encoding="utf-8") as f:
        f.write('[[report]]\ncountry = "Kenya"\nyear = 2005\nsource = "kenya/2005.txt"\n')
    run_once(tmp_path, reference, Recorder())
    for country, name in (("Mali", "json"), ("Niger", "groups.arrow")):
        damaged = _summary(tmp_path, country, name)
        damaged.write_bytes(damaged.read_bytes()[:-30])
    kenya.write_text(kenya.read_text(encoding="utf-8") + "\nA sentence added.\n", encoding="utf-8")

    recorder = Recorder()
    run = run_once(tmp_path, reference, recorder, countries=["Kenya"])
    assert run.exit_code == 0 and run.bug is None, run.bug
    assert [s for s, _ in recorder.steps] == [
        process_batch.__name__, render_index_pages.__name__,
        process_batch.__name__, render_index_pages.__name__,
    ]  # fmt: skip
    keys = load_manifest(tmp_path / "out").countries
    assert all(summary_intact(ResultStore(tmp_path / "store"), keys[c]) for c in ("Mali", "Niger"))


def test_an_archive_outside_the_project_is_named_from_its_folder_and_can_move(
    tmp_path: Path, reference: Reference
) -> None:
    """A catalogue outside the project names its files from its own folder, never by this
    machine's absolute path (the pages show it); the archive moved elsewhere, its catalogue,
    store and output together, is still up to date."""
    first = tmp_path / "first"
    catalogue(first / "data")
    run_once(first, reference, Recorder())
    report = json.loads((first / "out" / OutputPaths.report_json("Mali", 2016)).read_text())
    assert report["source"]["uri"] == "data/mali/2016.txt"
    page = (first / "out" / OutputPaths.chapter_page("Mali", 2016)).read_text()
    assert str(tmp_path) not in page
    moved = tmp_path / "elsewhere" / "moved"
    shutil.copytree(first, moved)
    shutil.rmtree(first)
    again = Recorder()
    run = run_once(moved, reference, again)
    assert again.steps == []
    assert (run.work.ingested, run.work.countries_cached) == (0, 2)
