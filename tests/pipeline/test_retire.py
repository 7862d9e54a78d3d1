"""Outputs of entries no longer current leave the site; nothing outside the output folder."""

from pathlib import Path

from crtdiff.pipeline.manifest import Manifest
from crtdiff.pipeline.outcome import EntryOutcome, RunReport, Status
from crtdiff.pipeline.retire import retire_outputs


def _record(key: str, output: str) -> dict[str, object]:
    return {"key": key, "output": output}


def test_only_stale_outputs_of_the_runs_countries_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for page in ("mali/2016.json", "mali/2016.html", "mali/2017.json", "mali/2017.html",
                 "mali/2016-2017.json", "mali/2016-2017.html", "mali/2016-2017.md",
                 "niger/2012.json", "niger/2012.html", "niger/index.html"):  # fmt: skip
        (out / page).parent.mkdir(parents=True, exist_ok=True)
        (out / page).write_text("x")
    outside = tmp_path / "precious.txt"
    outside.write_text("not ours")
    manifest = Manifest(
        reports={
            "Mali:2016": _record("Mali:2016", "mali/2016.json"),
            "Mali:2017": _record("Mali:2017", "mali/2017.json"),
            "Mali:2018": _record("Mali:2018", "../precious.txt"),  # a tampered manifest
            "Niger:2012": _record("Niger:2012", "niger/2012.json"),
        },
        pairs={"Mali:2016-2017": _record("Mali:2016-2017", "mali/2016-2017.json")},
        outputs={"mali/2017.html": "k", "niger/2012.json": "k"},
        countries={"Mali": "m", "Niger": "n"},
    )
    run = RunReport(started_at="now")
    run.entries = [
        EntryOutcome("Mali:2016", Status.OK),
        EntryOutcome("Mali:2017", Status.REJECTED, reason="file is empty"),
    ]
    removed = retire_outputs(run, manifest, out, {"Mali": "m2"}, {"Mali"})
    assert sorted(removed) == [
        "mali/2016-2017.html", "mali/2016-2017.json", "mali/2016-2017.md",
        "mali/2017.html", "mali/2017.json",
    ]  # fmt: skip
    assert outside.read_text() == "not ours"
    assert (out / "niger" / "2012.html").exists()  # Niger was not part of this run
    assert set(manifest.reports) == {"Mali:2016", "Niger:2012"}
    assert manifest.pairs == {} and manifest.outputs == {"niger/2012.json": "k"}

    everything = retire_outputs(RunReport(started_at="now"), manifest, out, {}, None)
    assert "niger/index.html" in everything and manifest.countries == {}
