"""Unique fact ids within a chapter: `base`, then `base-2`, `base-3`…"""


class Ids:
    """The ids handed out so far, with the next suffix to try per base: linear in the number of
    ids (trying `base-2`, `base-3`… from the start each time took minutes for a text with tens
    of thousands of same-day incidents at one place)."""

    def __init__(self) -> None:
        self._next: dict[str, int] = {}

    def __contains__(self, ident: object) -> bool:
        return ident in self._next

    def claim(self, base: str) -> str:
        """A new id for `base`."""
        if base not in self._next:
            self._next[base] = 2
            return base
        n = self._next[base]
        while f"{base}-{n}" in self._next:  # taken as a base of its own
            n += 1
        self._next[base] = n + 1
        self._next[f"{base}-{n}"] = 2
        return f"{base}-{n}"
