"""Unique fact ids within a chapter: `base`, then `base-2`, `base-3`…"""


class Ids:
    """The ids handed out so far, with the next suffix to try per base: linear in the number of
    ids (trying `base-2`, `base-3`… from the start each time took minutes for a text with tens
    of thousands of same-day incidents at one place)."""

    def __init__(self) -> None:
        self._next: dict[str, int] = {}
        self._last: tuple[str, str, int | None] | None = None
        """The latest claim: its id, its base, and the base's counter before it."""

    def __contains__(self, ident: object) -> bool:
        return ident in self._next

    def claim(self, base: str) -> str:
        """A new id for `base`."""
        if base not in self._next:
            self._next[base] = 2
            self._last = (base, base, None)
            return base
        before = n = self._next[base]
        while f"{base}-{n}" in self._next:  # taken as a base of its own
            n += 1
        self._next[base] = n + 1
        self._next[f"{base}-{n}"] = 2
        self._last = (f"{base}-{n}", base, before)
        return f"{base}-{n}"

    def discard(self, ident: str) -> None:
        """Undo the claim that just gave `ident` (its fact turned out to be one already kept),
        so that the next fact of that base takes the same id."""
        if self._last is None or self._last[0] != ident:
            raise ValueError(f"{ident!r} is not the id claimed last")
        _, base, before = self._last
        del self._next[ident]
        if before is not None:
            self._next[base] = before
        self._last = None
