"""The flow's progress reports, as the CLI's display receives them."""

from crtdiff.flows.progress import listening, report, stage_label


def test_stages_of_another_series_carry_its_name() -> None:
    seen: list[tuple[str, int, int | None]] = []
    with listening(lambda stage, advance, total: seen.append((stage, advance, total))):
        report("ingest", total=1)
        with stage_label(None):  # CRT's stages keep their plain names
            report("ingest", 1)
        with stage_label("hrr"):
            report("ingest", total=3)
            report("render")
        report("render")
    report("fetch", 1)  # nobody listens any more
    assert seen == [
        ("ingest", 0, 1),
        ("ingest", 1, None),
        ("ingest (hrr)", 0, 3),
        ("render (hrr)", 0, None),
        ("render", 0, None),
    ]
