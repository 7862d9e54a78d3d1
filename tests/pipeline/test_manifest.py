"""The output manifest: a batch's task sees its own countries' records only."""

from pathlib import Path

from crtdiff.pipeline.manifest import Manifest, load_manifest, save_manifest


def _manifest() -> Manifest:
    return Manifest(
        reports={"Mali:2016": {"output": "mali/2016.json"}, "Niger:2016": {"output": "x"}},
        pairs={"Mali:2015-2016": {"output": "mali/2015-2016.json"}, "Niger:2015-2016": {}},
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
