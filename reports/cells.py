"""How a table cell writes a value (the templates' filters, and the rows built in Python)."""


def pct(value: float | None) -> str:
    """0.9386 → "94%"; None → "n/a"."""
    return "n/a" if value is None else f"{value:.0%}"


def num(value: float | None) -> str:
    """A similarity with two decimals; None → "n/a"."""
    return "n/a" if value is None else f"{value:.2f}"


def dash(value: object) -> str:
    """A value, or an en dash when it is missing."""
    return "–" if value is None or value == "" or value == [] else str(value)
