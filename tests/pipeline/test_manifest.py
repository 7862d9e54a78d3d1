"""The output manifest: a batch's task sees its own countries' records only."""

from pathlib import Path

import orjson

from crtdiff.pipeline.batches import process_batch
from crtdiff.pipeline.manifest import MANIFEST, Manifest, load_manifest, save_manifest
from crtdiff.reference.bundle import Reference
from crtdiff.text.normalize import slugify
from tests.pipeline.test_run import Recorder, catalogue, run_once


def _record(key: str, output: str) -> dict[str, object]:
    country, year = key.split(":")[0], int(key.split(":")[1][-4:])
    return {"key": key, "output": output, "illustrative": False, "report_key": "k",
            "country": country, "chapter": "country", "year": year, "warnings": []}  # fmt: skip


def _manifest() -> Manifest:
    return Manifest(
        reports={
            "Mali:2016": _record("Mali:2016", "mali/2016.json"),
            "Niger:2016": _record("Niger:2016", "x"),
        },
        pairs={
            "Mali:2015-2016": _record("Mali:2015-2016", "mali/2015-2016.json"),
            "Niger:2015-2016": _record("Niger:2015-2016", "y"),
        },
        outputs={
            "mali/2016.json": "k1",
            "mali/index.html": "k2",
            "niger/2016.json": "k3",
            "index.html": "k4",
        },
        countries={"Mali": "c1", "Niger": "c2"},
        index="i1",
    )


def test_subset_keeps_only_the_countries_records() -> None:
    part = _manifest().subset(["Mali"])
    assert list(part.reports) == ["Mali:2016"]
    assert list(part.pairs) == ["Mali:2015-2016"]
    assert part.outputs == {"mali/2016.json": "k1", "mali/index.html": "k2"}
    assert part.countries == {"Mali": "c1"} and part.index == "i1"


def test_subset_matches_countries_by_their_folder_slug() -> None:
    manifest = Manifest(
        outputs={"cote-divoire/2016.json": "k", "cote/2016.json": "other"},
        countries={"Cote d'Ivoire": "c"},
    )
    part = manifest.subset(["Cote d'Ivoire"])
    assert part.outputs == {"cote-divoire/2016.json": "k"}


def test_round_trip_and_unreadable_manifest(tmp_path: Path) -> None:
    save_manifest(tmp_path, _manifest())
    assert load_manifest(tmp_path) == _manifest()
    (tmp_path / ".crtdiff-manifest.json").write_text("{not json")
    assert load_manifest(tmp_path) == Manifest()


def test_damaged_records_leave_out_their_country_or_with_a_damaged_top_file_everything(
    tmp_path: Path,
) -> None:
    good = {"key": "Mali:2016", "output": "mali/2016.json", "illustrative": False,
            "report_key": "k", "country": "Mali", "chapter": "country", "year": 2016,
            "warnings": []}  # fmt: skip
    niger = {**good, "key": "Niger:2016", "country": "Niger", "output": "niger/2016.json"}
    manifest = Manifest(reports={"Mali:2016": good, "Niger:2016": niger}, index="i")
    save_manifest(tmp_path, manifest)
    assert load_manifest(tmp_path).reports == {"Mali:2016": good, "Niger:2016": niger}
    for damaged in ({**good, "surprise": 1}, {"output": 3}, "a string"):
        manifest.reports["Mali:2016"] = damaged  # type: ignore[assignment]
        save_manifest(tmp_path, manifest)
        loaded = load_manifest(tmp_path)
        assert loaded.reports == {"Niger:2016": niger} and loaded.index == "i", damaged
    top = tmp_path / MANIFEST
    for spoilt in (b'{"index": 3}', b'{"parts": "Mali"}', b'{"parts": [1]}', b"[]"):
        top.write_bytes(spoilt)
        assert load_manifest(tmp_path) == Manifest(), spoilt


def test_each_country_is_kept_in_its_own_part_and_a_run_of_one_reads_only_its_own(
    tmp_path: Path,
) -> None:
    manifest = _manifest()
    manifest.rejected = {"Chad:2019": {"report_key": "r", "reason": "no text"}}
    save_manifest(tmp_path, manifest)
    top = orjson.loads((tmp_path / MANIFEST).read_bytes())
    assert top["parts"] == ["Chad", "Mali", "Niger"]
    assert (top["reports"], top["pairs"], top["outputs"]) == ({}, {}, {"index.html": "k4"})
    mali = orjson.loads((tmp_path / "mali" / MANIFEST).read_bytes())
    assert mali["outputs"] == {"mali/2016.json": "k1", "mali/index.html": "k2"}
    assert load_manifest(tmp_path) == manifest
    only = load_manifest(tmp_path, ["Mali"])
    assert (list(only.reports), list(only.pairs)) == (["Mali:2016"], ["Mali:2015-2016"])
    assert only.countries == manifest.countries and only.index == "i1"
    # A run of Mali alone changes Mali's records, forgets one; the others' stay as they were.
    only.reports["Mali:2017"] = _record("Mali:2017", "mali/2017.json")
    del only.pairs["Mali:2015-2016"]
    niger_before = (tmp_path / "niger" / MANIFEST).stat().st_mtime_ns
    save_manifest(tmp_path, only)
    assert (tmp_path / "niger" / MANIFEST).stat().st_mtime_ns == niger_before
    whole = load_manifest(tmp_path)
    assert sorted(whole.reports) == ["Mali:2016", "Mali:2017", "Niger:2016"]
    assert list(whole.pairs) == ["Niger:2015-2016"] and whole.rejected == manifest.rejected
    # A country left without records loses its part.
    only = load_manifest(tmp_path, ["Chad"])
    only.rejected.clear()
    save_manifest(tmp_path, only)
    assert not (tmp_path / "chad" / MANIFEST).exists()
    assert orjson.loads((tmp_path / MANIFEST).read_bytes())["parts"] == ["Mali", "Niger"]


def test_a_manifest_written_whole_before_the_parts_is_read_and_written_back_split(
    tmp_path: Path,
) -> None:
    manifest = _manifest()
    whole = {name: getattr(manifest, name) for name in
             ("reports", "pairs", "outputs", "countries", "index", "rejected", "urls")}  # fmt: skip
    (tmp_path / MANIFEST).write_bytes(orjson.dumps(whole))  # as the single file was written
    old = load_manifest(tmp_path, ["Mali"])  # a run of one country reads the whole file
    assert old == manifest
    save_manifest(tmp_path, old)
    assert orjson.loads((tmp_path / MANIFEST).read_bytes())["parts"] == ["Mali", "Niger"]
    assert (tmp_path / "niger" / MANIFEST).is_file()
    assert load_manifest(tmp_path) == manifest


def test_a_damaged_or_missing_part_leaves_out_its_country_only(tmp_path: Path) -> None:
    save_manifest(tmp_path, _manifest())
    (tmp_path / "mali" / MANIFEST).write_bytes(b'{"reports": {}, "pairs"')
    loaded = load_manifest(tmp_path)
    assert list(loaded.reports) == ["Niger:2016"] and "mali/2016.json" not in loaded.outputs
    assert loaded.countries == _manifest().countries  # Mali's key: its pages are made again
    # A part holding another country's records is not taken either.
    niger = orjson.loads((tmp_path / "niger" / MANIFEST).read_bytes())
    (tmp_path / "mali" / MANIFEST).write_bytes(orjson.dumps(niger))
    assert list(load_manifest(tmp_path).reports) == ["Niger:2016"]
    (tmp_path / "niger" / MANIFEST).unlink()
    assert load_manifest(tmp_path).reports == {}


def _pages(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*.html"))
        if "pagefind" not in p.parts
    }


def test_a_run_of_one_country_on_an_output_folder_of_the_single_file_manifest(
    tmp_path: Path, reference: Reference
) -> None:
    catalogue(tmp_path / "data")
    out = tmp_path / "out"
    run_once(tmp_path, reference, Recorder())
    before = _pages(out)
    # The output folder as the version before the parts left it: one file, every record.
    whole = load_manifest(out)
    for country in whole.countries:
        (out / slugify(country) / MANIFEST).unlink()
    old = {name: getattr(whole, name) for name in
           ("reports", "pairs", "outputs", "countries", "index", "rejected", "urls", "coverage")}  # fmt: skip
    (out / MANIFEST).write_bytes(orjson.dumps(old))
    run = run_once(tmp_path, reference, Recorder(), countries=["Niger"])
    assert run.exit_code == 0 and run.work.countries_cached == 1  # Niger, as recorded
    assert orjson.loads((out / MANIFEST).read_bytes())["parts"] == ["Mali", "Niger"]
    assert load_manifest(out) == whole
    again = Recorder()
    run = run_once(tmp_path, reference, again)
    assert again.steps == [] and run.work.countries_cached == 2  # nothing made again
    assert _pages(out) == before


def test_a_damaged_part_sends_its_country_to_a_batch_and_only_it(
    tmp_path: Path, reference: Reference
) -> None:
    catalogue(tmp_path / "data")
    out = tmp_path / "out"
    run_once(tmp_path, reference, Recorder())
    before = _pages(out)
    (out / "mali" / MANIFEST).write_bytes(b'{"reports": {"Mali:2016": ')
    recorder = Recorder()
    run = run_once(tmp_path, reference, recorder)
    # Mali's batch finds its results in the store and its pages as they were; Niger settles.
    assert run.exit_code == 0 and recorder.steps == [(process_batch.__name__, 1)]
    assert (run.work.ingested, run.work.countries_rendered) == (0, 0)
    assert _pages(out) == before
    assert load_manifest(out, ["Mali"]).reports.keys() == {"Mali:2015", "Mali:2016", "Mali:2017"}


def test_a_tampered_list_of_parts_or_a_record_of_no_country_touches_no_other_file(
    tmp_path: Path,
) -> None:
    manifest = _manifest()
    manifest.reports[":2016"] = _record("x:2016", "x")  # a key naming no country
    save_manifest(tmp_path, manifest)
    top = orjson.loads((tmp_path / MANIFEST).read_bytes())
    assert top["parts"] == ["Mali", "Niger"] and top["reports"] == {}
    top["parts"] = ["..", "Mali", "Niger"]  # ".." has no folder: never read as a part
    (tmp_path / MANIFEST).write_bytes(orjson.dumps(top))
    loaded = load_manifest(tmp_path)
    assert loaded == _manifest()
    save_manifest(tmp_path, loaded)
    assert load_manifest(tmp_path) == _manifest()


def test_an_output_is_fresh_only_as_a_file_written_from_its_key(tmp_path: Path) -> None:
    manifest = Manifest(outputs={"mali/2016.html": "k1", "mali/2015-2016.md": "k2"})
    assert not manifest.fresh(tmp_path, "mali/2016.html", "k1")  # recorded, not on disk
    (tmp_path / "mali").mkdir()
    (tmp_path / "mali" / "2016.html").write_text("page")
    assert manifest.fresh(tmp_path, "mali/2016.html", "k1")
    assert not manifest.fresh(tmp_path, "mali/2016.html", "k0")  # written from another key
    assert not manifest.fresh(tmp_path, "mali/2017.html", "k1")  # never recorded
    assert not manifest.fresh(tmp_path / "mali", "mali/2016.html", "k1")  # under out_dir only
    (tmp_path / "mali" / "2015-2016.md").mkdir()  # a folder in the page's place is no page
    assert not manifest.fresh(tmp_path, "mali/2015-2016.md", "k2")
    written: list[str] = []

    def text() -> str:
        written.append("md")
        return "# changes"

    (tmp_path / "mali" / "2015-2016.md").rmdir()
    manifest.write_stale(tmp_path, "mali/2015-2016.md", "k2", text)
    manifest.write_stale(tmp_path, "mali/2015-2016.md", "k2", text)  # fresh now: not made
    assert written == ["md"]
    assert (tmp_path / "mali" / "2015-2016.md").read_text() == "# changes"
