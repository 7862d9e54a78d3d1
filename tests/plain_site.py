"""Sites built the way `crtdiff run` builds them, without Prefect: chapters written as files
into a catalogue of a temporary folder, then the run of crtdiff/pipeline/run.py through the
plain-loop runner. Tests of pages check the pages the real run writes."""

import json
from dataclasses import dataclass
from pathlib import Path

from crtdiff.pipeline.outcome import RunReport
from crtdiff.pipeline.plain_runner import run_plain


@dataclass(frozen=True)
class Chapter:
    """One catalogue entry: its text (bytes, or a file to copy) and what the catalogue says."""

    country: str
    year: int
    text: bytes | Path
    chapter: str = "country"
    illustrative: bool = False
    url: str | None = None
    published: str | None = None


def write_catalogue(data: Path, chapters: list[Chapter]) -> Path:
    """Each chapter as a file under `data/chapters/`, and the sources.toml listing them."""
    lines: list[str] = []
    for c in chapters:
        suffix = c.text.suffix if isinstance(c.text, Path) else ".txt"
        name = f"chapters/{c.country}-{c.year}-{c.chapter}{suffix}".replace(" ", "_")
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_bytes(c.text.read_bytes() if isinstance(c.text, Path) else c.text)
        fields = {"country": c.country, "year": c.year, "source": name, "chapter": c.chapter}
        fields |= {"illustrative": True} if c.illustrative else {}
        fields |= {k: v for k, v in (("url", c.url), ("published", c.published)) if v}
        lines += ["[[report]]", *(f"{k} = {json.dumps(v)}" for k, v in fields.items()), ""]
    catalogue = data / "sources.toml"
    catalogue.write_text("\n".join(lines), encoding="utf-8")
    return catalogue


def build_site(root: Path, chapters: list[Chapter]) -> tuple[Path, RunReport]:
    """The output folder of a run over `chapters` (catalogue, store and output under `root`),
    and the run's report."""
    catalogue = write_catalogue(root / "data", chapters)
    out = root / "output"
    return out, run_plain(catalogue, out, root / "store")
