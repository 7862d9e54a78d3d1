"""How the explorer's rows are split into further scripts (Split.starts): by content, so that
rows added or removed at one date change few scripts, not every later one."""

import random
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from crtdiff.reports.explorer_files import Split


def _dates(seed: int, size: int, days: int) -> list[str]:
    """`size` dates in `days` days from 2000 on, sorted, some days with several rows."""
    rng = random.Random(seed)
    start = date(2000, 1, 1)
    return sorted((start + timedelta(rng.randrange(days))).isoformat() for _ in range(size))


def _scripts(split: Split, rows: list[tuple[str, int]]) -> list[tuple[tuple[str, int], ...]]:
    """The further scripts' rows (each an identity) as `split` cuts them."""
    starts = split.starts([d for d, _ in rows])
    return [tuple(rows[a:b]) for a, b in zip(starts, [*starts[1:], len(rows)], strict=True)]


@settings(max_examples=200, deadline=None)
@given(
    dates=st.lists(st.dates().map(date.isoformat), max_size=300).map(sorted),
    first=st.integers(0, 20),
    further=st.integers(1, 40),
)
def test_scripts_hold_every_row_once_at_most_four_times_the_mean(
    dates: list[str], first: int, further: int
) -> None:
    split = Split(first, further)
    starts = split.starts(dates)
    if len(dates) <= first:
        assert starts == []
        return
    ends = [*starts[1:], len(dates)]
    assert starts[0] == first and all(a < b for a, b in zip(starts, ends, strict=True))
    for a, b in zip(starts, ends, strict=True):
        assert b - a <= 4 * further
        if b < len(dates):
            assert b - a >= max(1, further // 4)
            # Cut where the date changes, unless the script would hold too many rows.
            assert dates[b] != dates[b - 1] or b - a == 4 * further


def test_rows_added_at_one_date_change_the_scripts_near_it_only() -> None:
    split = Split(1000, 8000)
    dates = _dates(1, 120_000, 365 * 40)
    rows = [(d, n) for n, d in enumerate(dates)]
    before = _scripts(split, rows)
    assert 10 <= len(before) <= 25
    # Rows added one third of the way (a chapter of one country re-read), at a date held.
    at = len(rows) // 3
    added = rows[:at] + [(rows[at][0], -n) for n in range(1, 30)] + rows[at:]
    after = _scripts(split, added)
    changed = set(after) - set(before)
    # The first further script (it starts after the first's 1,000 rows, by count) and the one
    # holding the date; a repartition by count would have changed every one from the date on.
    assert 1 <= len(changed) <= 3 and len(after) - len(changed) >= len(before) - 3
    # Rows removed there: the same.
    removed = [r for r in rows if not (at <= r[1] < at + 30)]
    assert len(set(_scripts(split, removed)) - set(before)) <= 3
    # A year added at the end: the last script changes, and others may follow it.
    later = [(d.replace("20", "21", 1), -n) for n, d in enumerate(_dates(2, 3000, 365))]
    grown = _scripts(split, rows + later)
    assert set(before[:-1]) <= set(grown)
