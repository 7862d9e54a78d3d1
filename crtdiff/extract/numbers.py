"""Numbers as the reports write them: digits ("1,200") and words ("nineteen", "two dozen")."""

import re

_UNITS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate(
        ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    )
    if w != "_"
}
_WORD_NUMBER = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|"
    r"five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
    r"(?:\s+(?:hundred|thousand))?"
)
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORD_NUMBER}|a dozen)"
"""Regex of one written number (case-insensitive use)."""
_NUMBER_RE = re.compile(rf"^{NUMBER}$", re.IGNORECASE)


def parse_number(text: str) -> int | None:
    """The integer a written number stands for ("dozens" is no number: vague counts are not
    given)."""
    text = text.strip().lower()
    if not _NUMBER_RE.match(text):
        return None
    if text[0].isdigit():
        return int(text.replace(",", ""))
    if text == "a dozen":
        return 12
    value = 0
    for part in text.split():
        if part == "hundred":
            value *= 100
        elif part == "thousand":
            value *= 1000
        elif "-" in part:
            tens, unit = part.split("-")
            value += _TENS[tens] + _UNITS[unit]
        else:
            value += _TENS.get(part, _UNITS.get(part, 0))
    return value
