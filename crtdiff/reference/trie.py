"""One regular expression for many literal words, factored by common prefixes.

Python's `re` tries the alternatives of `a|b|c…` one by one at every position: with a thousand
place names that is most of a chapter's ingest time. Factored as a trie, only the branches that
match the next character are tried (about twenty times faster on a chapter).
"""

import re
from collections.abc import Iterable

_End = dict[str, "_End"]


def trie_pattern(words: Iterable[str]) -> str:
    """A pattern matching any of the words, the longest first where one is a prefix of another."""
    trie: _End = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _emit(trie)


def _emit(node: _End) -> str:
    branches = [re.escape(char) + _emit(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # A word ending here is tried after the longer ones (greedy `?`): longest match first.
    return f"(?:{body})?" if "" in node else body
