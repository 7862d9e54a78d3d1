"""The files of the incidents explorer's data: its first script (output/data/incidents.js),
whose first line names the others, and those others. Light (no renderer), for the run to tell
whether they are all on disk before it decides anything."""

import re
from pathlib import Path
from typing import NamedTuple

import msgspec

from crtdiff.reports.output_paths import OutputPaths


class Split(NamedTuple):
    """How the explorer's rows are split into scripts."""

    first: int = 1000
    """Rows in the first script, beside the tables: enough for the first rows drawn (by date)
    and a few pages more."""
    further: int = 8000
    """Rows in each further script (about 1.4 MB with synthetic sentences)."""

    def names(self, size: int) -> list[str]:
        """The further scripts of `size` rows, their paths relative to the site's root."""
        count = max(0, -(-(size - self.first) // self.further))
        return [f"{OutputPaths.DATA}/incidents-{n}.js" for n in range(2, count + 2)]


SPLIT = Split()
"""The split of every run."""
SCRIPTS_LINE = b"window.CRTDIFF_INCIDENT_SCRIPTS = %s;\n"
"""The first line of the first script: the further scripts' paths (JSON), from the site's root."""
_SCRIPTS = re.compile(rb"window\.CRTDIFF_INCIDENT_SCRIPTS = (\[.*\]);")


def further_scripts(head: bytes) -> list[str] | None:
    """The further scripts the explorer's first script names (its first line), or None when it
    is not one."""
    found = _SCRIPTS.match(head.partition(b"\n")[0])
    if found is None:
        return None
    try:
        return msgspec.json.decode(found.group(1), type=list[str])
    except msgspec.MsgspecError:
        return None


def explorer_present(out_dir: Path) -> bool:
    """True when the explorer's first script and every further one it names are on disk."""
    try:
        with (out_dir / OutputPaths.EXPLORER_DATA).open("rb") as handle:
            names = further_scripts(handle.readline())
    except OSError:
        return False
    return names is not None and all((out_dir / name).is_file() for name in names)
