"""Full-text search: a Pagefind index over every chapter, comparison, country, group and year
page (those marked `data-pagefind-body`), and the search page that queries it in the browser.

Pagefind is run from the pinned `pagefind[bin]` wheel (its binary ships inside it), never
downloaded. Browsers refuse the index's module and WebAssembly files on pages opened from disk
(file://), so the search page says how to serve the folder instead; every other page works
from disk.
"""

import shutil
import subprocess
import sys
from pathlib import Path

from crtdiff.errors import CrtdiffError
from reports.html import render_page
from reports.writing import write_if_changed

BUNDLE = "pagefind"
_BUILDING = ".pagefind-building"
_OLD = ".pagefind-old"


def write_search_page(out_dir: Path) -> None:
    """output/search.html."""
    write_if_changed(out_dir / "search.html", render_page("search.html.j2", root=""))


def build_search_index(out_dir: Path) -> None:
    """Index the site with Pagefind into output/pagefind/, replacing the old bundle only once
    the new one is complete (a failed or killed build leaves the old search working)."""
    building, old, bundle = out_dir / _BUILDING, out_dir / _OLD, out_dir / BUNDLE
    for leftover in (building, old):
        shutil.rmtree(leftover, ignore_errors=True)
    command = [
        sys.executable, "-m", "pagefind", "--site", str(out_dir), "--output-path", str(building),
        "--force-language", "en", "--keep-index-url", "--silent",
    ]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=1800, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise CrtdiffError(str(out_dir), f"search index not built (pagefind: {exc})") from exc
    if done.returncode != 0 or not (building / "pagefind.js").is_file():
        problem = (done.stderr or done.stdout).strip().splitlines()
        detail = problem[-1] if problem else f"exit status {done.returncode}"
        shutil.rmtree(building, ignore_errors=True)
        raise CrtdiffError(str(out_dir), f"search index not built (pagefind: {detail})")
    if bundle.exists():
        bundle.rename(old)
    building.rename(bundle)
    shutil.rmtree(old, ignore_errors=True)
