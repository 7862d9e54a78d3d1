"""The site `crtdiff run` writes for a small catalogue of two countries, as a user runs it.

Mali: 2015 and 2017 illustrative (2017 as the fallback of a page that answers 404), 2016 the
real seed with its official URL and date, 2018 unavailable (404), 2019 rejected (empty file).
Niger: 2012 illustrative, 2019 a saved state.gov page whose canonical link gives its URL.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from crtdiff.paths import DATA_DIR
from tests.conftest import FIXTURES, SEED, SEED_PUBLISHED, SEED_URL
from tests.fakeserver import Site, serve


def write_catalogue(data: Path, base_url: str) -> Path:
    """Copy the chapters under `data/` and write its sources.toml; returns the catalogue."""
    files = {
        "raw/mali/2016.txt": SEED,
        "samples/mali/2015.txt": DATA_DIR / "samples" / "mali" / "2015.txt",
        "samples/mali/2017.txt": DATA_DIR / "samples" / "mali" / "2017.txt",
        "samples/niger-2012.txt": FIXTURES / "chapters" / "niger-2012.txt",
        "saved/niger-2019.html": FIXTURES / "pages" / "state-gov-2019-niger.html",
    }
    for target, source in files.items():
        (data / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, data / target)
    (data / "saved" / "empty.txt").write_bytes(b"")
    catalogue = data / "sources.toml"
    catalogue.write_text(
        f"""
[[report]]
country = "Mali"
year = 2015
source = "samples/mali/2015.txt"
illustrative = true

[[report]]
country = "Mali"
year = 2016
source = "raw/mali/2016.txt"
url = "{SEED_URL}"
published = "{SEED_PUBLISHED}"

[[report]]
country = "Mali"
year = 2017
source = "{base_url}/crt-2017/mali/"
fallback = "samples/mali/2017.txt"

[[report]]
country = "Mali"
year = 2018
source = "{base_url}/crt-2018/mali/"
published = "2019-11-01"

[[report]]
country = "Mali"
year = 2019
source = "saved/empty.txt"

[[report]]
country = "Niger"
year = 2012
source = "samples/niger-2012.txt"
illustrative = true

[[report]]
country = "Niger"
year = 2019
source = "saved/niger-2019.html"
""",
        encoding="utf-8",
    )
    return catalogue


def run_catalogue(catalogue: Path, root: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """Run `crtdiff run` on `catalogue` with its output, store and Prefect home under `root`;
    returns the output folder and result."""
    out = root / "output"
    env = {**os.environ, "PREFECT_HOME": str(root / "prefect-home")}
    env.pop("PREFECT_API_URL", None)
    command = [
        str(Path(sys.executable).parent / "crtdiff"), "run", "--catalog", str(catalogue),
        "--out", str(out), "--store", str(root / "store"), "-q",
    ]  # fmt: skip
    return out, subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)


def run_crtdiff(root: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """Run `crtdiff run` on the catalogue under `root`; returns the output folder and result."""
    with serve(Site()) as site:
        return run_catalogue(write_catalogue(root / "data", site.url("")), root)
