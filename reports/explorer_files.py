"""The files of the incidents explorer's data: its first script (output/data/incidents.js),
whose first line names the others, and those others. Light (no renderer), for the run to tell
whether they are all on disk before it decides anything."""

import math
import re
import zlib
from collections.abc import Sequence
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
    """Rows in each further script on average (about 1.4 MB with synthetic sentences): a quarter
    as many at least (the last aside), four times as many at most."""

    def starts(self, dates: Sequence[str]) -> list[int]:
        """The first row of each further script, of rows ordered by `dates`.

        A further script ends where its content says, not after a count of rows: before a date
        whose checksum is a multiple of a modulus (chosen so that a script holds `further` rows
        on average). Rows added or removed at one date then change the script that holds it
        (and the first further one, which starts after `first` rows), not every later one: each
        keeps its rows, and so its bytes, and is not written again."""
        size = len(dates)
        if size <= self.first:
            return []
        changes = [i for i in range(self.first + 1, size) if dates[i] != dates[i - 1]]
        least, most = max(1, self.further // 4), self.further * 4
        # Dates a script spans past its least rows on average (so that it holds `further` rows
        # on average), rounded to a power of two so that it rarely changes when an archive
        # grows (a new modulus moves most ends).
        span = (self.further - least) * (len(changes) + 1) / (size - self.first)
        modulus = 1 << max(0, round(math.log2(span))) if span > 1 else 1
        starts = [self.first]
        for i in [*(i for i in changes if zlib.crc32(dates[i].encode()) % modulus == 0), size]:
            while starts[-1] + most < i:  # no end for too long: cut by count
                starts.append(starts[-1] + most)
            if i - starts[-1] >= least and i < size:
                starts.append(i)
        return starts

    @staticmethod
    def names(count: int) -> list[str]:
        """The paths of `count` further scripts, relative to the site's root."""
        return [f"{OutputPaths.DATA}/incidents-{n}.js" for n in range(2, count + 2)]


SPLIT = Split()
"""The split of every run."""
SCRIPTS_LINE = b"window.CRTDIFF_INCIDENT_SCRIPTS = %s;\n"
"""The first line of the first script: the further scripts' paths (JSON), from the site's root."""
BUILDS_LINE = b"window.CRTDIFF_INCIDENT_BUILDS = %s;\n"
"""The second line of the first script: each further script's build (a checksum of its rows and
tables), which the page asks that script to hold."""
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
