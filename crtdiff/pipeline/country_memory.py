"""What a country's task keeps in memory: its reports and diffs, each loaded from the result
store at most once, and the timeline parts it made."""

from collections.abc import Callable
from typing import TYPE_CHECKING

from crtdiff.errors import CrtdiffError
from crtdiff.pipeline.timeline_parts import ChapterParts, PairParts
from crtdiff.schemas import CountryReport
from crtdiff.schemas.diff import YearDiff
from crtdiff.store.results import ResultStore

if TYPE_CHECKING:
    from crtdiff.pipeline.context import RunContext


class CountryMemory:
    """Reports and diffs of one country, loaded from the store at most once; a report that no
    longer loads (damaged on disk) is parsed again from its catalogue entry when one is known,
    and a diff compared again from its two reports when its pair is known."""

    def __init__(
        self,
        store: ResultStore,
        reparse: Callable[[str, "CountryMemory"], CountryReport | None],
        recompare: Callable[[str, "CountryMemory"], YearDiff | None] = lambda key, memory: None,
    ) -> None:
        self.store = store
        self.reparse = reparse
        self.recompare = recompare
        self.reports: dict[str, CountryReport] = {}
        self.diffs: dict[str, YearDiff] = {}
        self.parts: dict[str, ChapterParts | PairParts] = {}
        """Timeline parts made by this task, by report or diff key: the timeline takes them
        from here rather than reading back what was just written."""
        self.encoded: dict[str, bytes] = {}
        """The JSON each report parsed by this task was stored as, by key, until its output
        file takes it (`output_json`: indented rather than encoded a second time)."""

    def keep(self, ctx: "RunContext", key: str, parts: ChapterParts | PairParts) -> None:
        """Attach the timeline parts made again to their stored report or diff, and keep them
        for this task."""
        ctx.results.attach(parts.KIND, key, parts)
        self.parts[key] = parts

    def stored_report(self, key: str) -> CountryReport | None:
        if key not in self.reports:
            loaded = self.store.load("reports", key, CountryReport)
            if loaded is None:
                return None
            self.reports[key] = loaded
        return self.reports[key]

    def report(self, key: str) -> CountryReport:
        report = self.stored_report(key) or self.reparse(key, self)
        if report is None:
            raise CrtdiffError(key, "report missing from the result store")
        self.reports[key] = report
        return report

    def diff(self, key: str) -> YearDiff | None:
        if key not in self.diffs:
            loaded = self.store.load("diffs", key, YearDiff)
            if loaded is None:
                return None
            self.diffs[key] = loaded
        return self.diffs[key]

    def has_diff(self, key: str) -> bool:
        """Whether a diff is in memory or on disk. Not read: a pair whose JSON and pages are
        fresh and whose timeline parts load needs nothing of it (decoding a diff costs a
        millisecond, and adding a year would decode every diff of the country); one that then
        proves damaged or of an older form when needed is compared again (required_diff)."""
        return key in self.diffs or self.store.has("diffs", key)

    def required_diff(self, key: str, label: str) -> YearDiff:
        """A diff this task compared or loaded already, or compared again when the stored one
        proves damaged or of an older form."""
        diff = self.diff(key) or self.recompare(key, self)
        if diff is None:
            raise CrtdiffError(label, "diff missing from the result store")
        return diff
