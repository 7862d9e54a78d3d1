"""When a catalogue URL is asked again.

Every check of a URL (its time, and the snapshot it left or the failure it met) is kept in the
output manifest. Within the recheck interval a URL is not asked again: what the last check gave
stands (its snapshot, or its failure and whatever the entry falls back to). That is what
"nothing changed" means for a URL entry: nothing changed *as far as the last check saw*, and the
next run after the interval asks again, with a conditional request. An interval of zero asks
every time (what the scheduled deployments do).
"""

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from crtdiff.catalog.sources import ResolvedSource, fetch_or_snapshot, validators
from crtdiff.errors import FetchError
from crtdiff.ingest.raw import RawSource
from crtdiff.pipeline.answers import Answers, FetchedUrls, fetch_urls
from crtdiff.pipeline.wiring import FetchRequest, Progress
from crtdiff.store.snapshots import SnapshotStore

if TYPE_CHECKING:  # not httpx at run time: the up-to-date check imports this module
    from crtdiff.fetch.http import Fetched

DEFAULT_RECHECK = timedelta(hours=24)
"""Catalogue URLs are published reports: they seldom change, and a day is fresh enough for a
run started by hand (the weekly `watch` and yearly `annual` deployments always ask)."""

_DURATION = re.compile(r"^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*s)?\s*$")


def parse_duration(text: str) -> timedelta:
    """`0`, `90s`, `30m`, `24h`, `7d`, `1d12h`: a duration; ValueError for anything else."""
    if text.strip() == "0":
        return timedelta(0)
    match = _DURATION.match(text.lower())
    if match is None or not any(match.groups()):
        raise ValueError(f"{text!r} is not a duration such as 0, 30m, 24h or 7d")
    days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)


@dataclass(frozen=True)
class UrlCheck:
    """One check of a URL, as the manifest keeps it."""

    checked_at: str
    """UTC, ISO 8601."""
    sha256: str | None = None
    """The URL's newest snapshot after the check, if it has one."""
    error: str | None = None
    """What went wrong, when the fetch failed."""
    status: int | None = None
    """The HTTP status of a failed fetch, when the server answered."""

    def as_dict(self) -> dict[str, Any]:
        """The check as JSON-ready values."""
        return asdict(self)

    def due_at(self, recheck_after: timedelta) -> datetime:
        """When the URL is to be asked again."""
        return datetime.fromisoformat(self.checked_at) + recheck_after


def record_check(
    url: str, fetched: "Fetched | FetchError | None", snapshots: SnapshotStore, now: datetime
) -> UrlCheck:
    """What a check gave: the fetch outcome and the snapshot the URL now has."""
    latest = snapshots.latest(url)
    sha = latest.sha256 if latest else None
    checked_at = now.isoformat(timespec="seconds")
    if isinstance(fetched, FetchError):
        return UrlCheck(checked_at, sha, fetched.problem, fetched.status)
    if fetched is None:
        return UrlCheck(checked_at, sha, "was not fetched")
    return UrlCheck(checked_at, sha)


def replay(url: str, check: UrlCheck, snapshots: SnapshotStore) -> ResolvedSource | FetchError:
    """What the last check gave, again, without asking, in the very words of that check (an
    outcome's reason is part of its country's page key: a reworded one would re-render it);
    ValueError when its snapshot is gone or damaged (then the URL must be asked again)."""
    latest = snapshots.latest(url)
    if (latest.sha256 if latest else None) != check.sha256:
        raise ValueError(f"{url}: the snapshot store changed since the last check")
    try:
        if check.error is not None:
            error = FetchError(url, check.error, status=check.status)

            def again(_url: str, _etag: str | None, _modified: str | None) -> "Fetched":
                raise error

            try:
                return fetch_or_snapshot(url, snapshots, again)
            except FetchError as exc:
                return exc
        data = snapshots.read_intact(latest) if latest is not None else None
    except OSError as exc:
        raise ValueError(f"{url}: snapshot unreadable ({exc})") from exc
    if latest is None or data is None:
        raise ValueError(f"{url}: the snapshot of the last check is missing or damaged")
    return ResolvedSource(RawSource(data, url, datetime.fromisoformat(latest.retrieved_at)))


@dataclass(frozen=True)
class UrlPlan:
    """The URLs of a run: those to ask now, and what the others gave at their last check."""

    due: list[str]
    reused: dict[str, ResolvedSource | FetchError]
    next_check: datetime | None
    """When the first of the reused URLs is to be asked again."""


def plan_urls(
    urls: list[str],
    checks: dict[str, dict[str, Any]],
    snapshots: SnapshotStore,
    now: datetime,
    recheck_after: timedelta,
) -> UrlPlan:
    """Split the run's URLs into those due for a check and those checked recently enough."""
    due: list[str] = []
    reused: dict[str, ResolvedSource | FetchError] = {}
    next_check: datetime | None = None
    for url in urls:
        record = checks.get(url)
        try:
            check = UrlCheck(**record) if record else None
        except TypeError:  # a manifest written by another version
            check = None
        if check is None or recheck_after <= timedelta(0) or check.due_at(recheck_after) <= now:
            due.append(url)
            continue
        try:
            reused[url] = replay(url, check, snapshots)
        except ValueError:
            due.append(url)
            continue
        due_at = check.due_at(recheck_after)
        next_check = due_at if next_check is None else min(next_check, due_at)
    return UrlPlan(due, reused, next_check)


def check_urls(
    urls: list[str],
    snapshots: SnapshotStore,
    checks: dict[str, dict[str, Any]],
    recheck_after: timedelta,
    fetch: "Callable[[Sequence[FetchRequest]], Iterator[Fetched | FetchError]]",
    progress: Progress,
) -> tuple[FetchedUrls, datetime | None]:
    """Fetch the URLs due for a check (`fetch`: each URL's page or error), reuse the others'
    last check, and record this run's checks in `checks` (the manifest's). Returns what every
    URL gave, and when the first reused URL is to be asked again."""
    now = datetime.now(UTC)
    plan = plan_urls(sorted(set(urls)), checks, snapshots, now, recheck_after)
    if plan.due:
        progress("fetch", total=len(plan.due))
    answers: dict[str, Fetched | FetchError] = {}
    requests = [(url, *validators(snapshots, url)) for url in plan.due]
    # Not even called with nothing due: a fetcher may import its HTTP client (0.1 s) first.
    for url, answer in zip(plan.due, fetch(requests) if requests else (), strict=True):
        answers[url] = answer
        progress("fetch", 1)
    asked = Answers(answers)
    fetched = fetch_urls(plan.due, snapshots, lambda url, _etag, _modified: asked(url))
    for url in plan.due:
        checks[url] = record_check(url, answers.get(url), snapshots, now).as_dict()
    return FetchedUrls({**plan.reused, **fetched.results}), plan.next_check
