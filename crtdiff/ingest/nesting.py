"""How deeply a page nests its elements, measured in one linear pass before parsing.

lexbor's tree builder spends time proportional to the depth for every element it opens, so
200,000 nested `<div>`s take minutes (quadratic in the depth); real chapters nest a few dozen
levels. A page nested beyond MAX_DEPTH is refused before it is parsed.
"""

import re
from collections import Counter

MAX_DEPTH = 10_000
"""Far beyond any real page (state.gov nests ~30 levels); 10,000 levels parse in ~0.3 s."""

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>")
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905
)
# Elements whose start tag closes an open one of the same kind (HTML's optional end tags),
# so that paragraphs and list items written without end tags do not count as nesting.
_SELF_CLOSING_SIBLINGS = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option"})


def nested_deeper_than(html: str, limit: int = MAX_DEPTH) -> bool:
    """True when `html` nests elements more than `limit` levels deep (an estimate that never
    undercounts deliberate nesting; end tags HTML lets authors omit are not counted)."""
    if html.count("<") <= limit:  # too few tags to nest that deep: the common case
        return False
    stack: list[str] = []
    open_count: Counter[str] = Counter()
    for match in _TAG.finditer(html):
        closing, name, self_closed = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or self_closed:
            continue
        if closing:
            if open_count[name]:  # pop to the matching element: each push is popped once
                while stack:
                    top = stack.pop()
                    open_count[top] -= 1
                    if top == name:
                        break
            continue
        if name in _SELF_CLOSING_SIBLINGS and stack and stack[-1] == name:
            stack.pop()
            open_count[name] -= 1
        stack.append(name)
        open_count[name] += 1
        if len(stack) > limit:
            return True
    return False
