"""The output manifest: a batch's task sees its own countries' records only."""

from pathlib import Path

from crtdiff.pipeline.manifest import Manifest, load_manifest, save_manifest


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


def test_a_manifest_with_damaged_records_is_read_as_empty(tmp_path: Path) -> None:
    good = {"key": "Mali:2016", "output": "mali/2016.json", "illustrative": False,
            "report_key": "k", "country": "Mali", "chapter": "country", "year": 2016,
            "warnings": []}  # fmt: skip
    manifest = Manifest(reports={"Mali:2016": good}, index="i")
    save_manifest(tmp_path, manifest)
    assert load_manifest(tmp_path).reports == {"Mali:2016": good}
    for damaged in ({**good, "surprise": 1}, {"output": 3}, "a string"):
        manifest.reports["Mali:2016"] = damaged  # type: ignore[assignment]
        save_manifest(tmp_path, manifest)
        assert load_manifest(tmp_path) == Manifest(), damaged
