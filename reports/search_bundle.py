"""A country's Pagefind bundle: its search records written as bare pages (kept in the result
store between runs), indexed by Pagefind's command-line binary in the background while the
country's task goes on, and swapped in for the old bundle only once complete.

The binary comes from the pinned `pagefind[bin]` wheel (its Python service answers about 100 ms
per record, twenty times slower); nothing is downloaded.
"""

import itertools
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pagefind.service import get_executable

from crtdiff.errors import CrtdiffError
from crtdiff.reports.fragments import escape_text
from crtdiff.reports.search import SearchRecord
from crtdiff.reports.writing import write_if_changed
from crtdiff.store.removal import remove_in_background

_TIMEOUT_S = 3600

_OLD = ".pagefind-old"
"""Name of a replaced bundle (then a process id and a number) while it is being removed."""
_replaced = itertools.count()


@dataclass
class BundleBuild:
    """Pagefind building a bundle into `building`, to become `folder`."""

    folder: Path
    building: Path
    process: "subprocess.Popen[str]"

    def finish(self) -> None:
        """Wait for Pagefind and swap the new bundle in; the old one stays when it failed."""
        try:
            out, err = self.process.communicate(timeout=_TIMEOUT_S)
        except subprocess.TimeoutExpired as exc:
            self.cancel()
            raise _not_built(self.building, str(exc)) from exc
        if self.process.returncode != 0 or not (self.building / "pagefind.js").is_file():
            shutil.rmtree(self.building, ignore_errors=True)
            lines = (err or out).strip().splitlines()
            raise _not_built(
                self.building, lines[-1] if lines else f"exit status {self.process.returncode}"
            )
        old = self.folder.with_name(f"{_OLD}-{os.getpid()}-{next(_replaced)}")
        replacing = self.folder.exists()
        if replacing:
            self.folder.rename(old)
        self.building.rename(self.folder)
        if replacing:
            # A country's bundle is a hundred files: unlinked while its task goes on.
            remove_in_background(old)

    def cancel(self) -> None:
        """Stop Pagefind and drop what it built (the old bundle stays); nothing once finished."""
        if self.process.returncode is not None:
            return
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()
        shutil.rmtree(self.building, ignore_errors=True)


def _not_built(target: Path, detail: str) -> CrtdiffError:
    return CrtdiffError(str(target), f"search index not built (pagefind: {detail})")


def start_bundle(folder: Path, records: list[SearchRecord], pages: Path) -> BundleBuild:
    """Start building a Pagefind bundle of `records` for `folder`; `pages` is a folder kept
    between runs (in the result store) where each record is the bare page Pagefind reads."""
    building = folder.with_name(".pagefind-building")
    # .pagefind-pages: where older versions wrote the records for one build; replaced bundles
    # whose removal was cut short (by a killed process) also stay behind.
    leftovers = [building, folder.with_name(".pagefind-pages"), *folder.parent.glob(f"{_OLD}*")]
    for leftover in leftovers:
        shutil.rmtree(leftover, ignore_errors=True)
    sync_record_pages(pages, records)
    executable = get_executable()
    if executable is None:
        raise CrtdiffError(str(building), "search index not built (the pagefind binary is missing)")
    command = [
        str(executable), "--site", str(pages), "--output-path", str(building),
        "--force-language", "en", "--keep-index-url", "--silent",
    ]  # fmt: skip
    try:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    except OSError as exc:
        raise _not_built(building, str(exc)) from exc
    return BundleBuild(folder, building, process)


def sync_record_pages(pages: Path, records: list[SearchRecord]) -> None:
    """Make `pages` hold exactly the records' pages: a page is written only when its text
    changed, and a page of no record is removed. Adding a year to a country writes its two
    records, not the country's hundred (nor deletes them after the build, as a folder made
    for each build had to)."""
    wanted = {pages / record.url.lstrip("/"): _record_page(record) for record in records}
    for path, text in wanted.items():
        write_if_changed(path, text)
    pages.mkdir(parents=True, exist_ok=True)
    for root, _dirs, files in os.walk(pages):
        for name in files:
            path = Path(root) / name
            if path not in wanted:
                path.unlink(missing_ok=True)


def _record_page(record: SearchRecord) -> str:
    """A record as the minimal page Pagefind reads (its text, title and kind; no markup), its
    texts escaped by `escape_text` (a chapter's record is a hundred paragraphs: no Markup
    object made for each)."""
    paragraphs = "".join(
        f"<p>{escape_text(p)}</p>" for p in record.content.split("\n") if p.strip()
    )
    title, kind = escape_text(record.title), escape_text(record.kind)
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{title}</title></head>'
        f'<body><main data-pagefind-body><span data-pagefind-meta="kind:{kind}">'
        f"</span><h1>{title}</h1>{paragraphs}</main></body></html>"
    )
