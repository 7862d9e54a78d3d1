"""The comparisons a country should have: consecutive report years per chapter, each keyed by
its two reports."""

from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from crtdiff.pipeline.keys import Keys
from crtdiff.pipeline.outcome import (
    EntryOutcome,
    Status,
)
from crtdiff.reports.output_paths import OutputPaths
from crtdiff.store.fingerprint import digest


def page_key(keys: Keys, result_key: str) -> str:
    """Key of a page rendered from one report or diff: that result and the templates."""
    return digest(keys.render, result_key)


@dataclass(frozen=True)
class PairPlan:
    """One comparison to have: two report keys and the diff key."""

    country: str
    chapter: str
    old_year: int
    new_year: int
    old_key: str
    new_key: str
    key: str
    illustrative: bool = False
    """Whether either report is illustrative, as its diff says (the diff need not be read)."""

    @property
    def label(self) -> str:
        """`Country:Old-New` (plus `:chapter` for non-country chapters)."""
        label = f"{self.country}:{self.old_year}-{self.new_year}"
        return label if self.chapter == "country" else f"{label}:{self.chapter}"

    @property
    def pages(self) -> list[str]:
        """The pair's change summary in HTML and Markdown."""
        return OutputPaths.pair_pages(self.country, self.old_year, self.new_year, self.chapter)


def plan_pairs(outcomes: list[EntryOutcome], keys: Keys) -> list[PairPlan]:
    """Consecutive report years per country and chapter, from the entries ingested."""
    series: dict[tuple[str, str], list[tuple[int, str, bool]]] = defaultdict(list)
    for o in outcomes:
        if o.status is Status.OK and o.report_key and o.country and o.chapter and o.year:
            series[(o.country, o.chapter)].append((o.year, o.report_key, o.illustrative))
    plans = []
    for (country, chapter), years in sorted(series.items()):
        for (y1, k1, i1), (y2, k2, i2) in pairwise(sorted(years)):
            plan = PairPlan(country, chapter, y1, y2, k1, k2, keys.diff(k1, k2), i1 or i2)
            plans.append(plan)
    return plans
