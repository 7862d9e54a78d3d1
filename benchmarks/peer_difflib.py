"""The script an analyst would write instead of crtdiff: the yardstick of benchmarks/archive.py.

For each country folder of an archive (raw/<country>/<year>.txt), for each pair of consecutive
years: sentences split with a regular expression, aligned with difflib, a word-level redline
inside changed sentences, the cosine and Jaccard similarity of the two texts' words, and one HTML
page per pair. Standard library only, one process, no facts, no schema, no incremental runs.

Usage: python benchmarks/peer_difflib.py RAW_FOLDER OUT_FOLDER
"""

import difflib
import html
import math
import re
import sys
import time
from collections import Counter
from itertools import pairwise
from pathlib import Path

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"])")
_WORD = re.compile(r"\w+")


def sentences(text: str) -> list[str]:
    """The text's sentences, paragraph by paragraph."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        out += [s.strip() for s in _SENTENCE.split(paragraph) if s.strip()]
    return out


def cosine(a: Counter[str], b: Counter[str]) -> float:
    """Cosine similarity of two word-count vectors."""
    dot = sum(count * b[word] for word, count in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def jaccard(a: Counter[str], b: Counter[str]) -> float:
    """Jaccard similarity of two word sets."""
    union = a.keys() | b.keys()
    return len(a.keys() & b.keys()) / len(union) if union else 1.0


def redline(old: str, new: str) -> str:
    """A word-level redline of one changed sentence, as HTML."""
    a, b = old.split(), new.split()
    parts: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(html.escape(" ".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{html.escape(' '.join(a[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{html.escape(' '.join(b[j1:j2]))}</ins>")
    return " ".join(parts)


def compare_pair(old_text: str, new_text: str, title: str) -> str:
    """The HTML page of one pair of years."""
    old, new = sentences(old_text), sentences(new_text)
    words_old = Counter(w.lower() for w in _WORD.findall(old_text))
    words_new = Counter(w.lower() for w in _WORD.findall(new_text))
    rows: list[str] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            rows += [f"<p class=same>{html.escape(s)}</p>" for s in old[i1:i2]]
            continue
        paired = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(paired):
            rows.append(f"<p class=changed>{redline(old[i1 + k], new[j1 + k])}</p>")
        rows += [f"<p class=removed><del>{html.escape(s)}</del></p>" for s in old[i1 + paired : i2]]
        rows += [f"<p class=added><ins>{html.escape(s)}</ins></p>" for s in new[j1 + paired : j2]]
    return (
        f"<!doctype html><meta charset=utf-8><title>{html.escape(title)}</title>"
        f"<h1>{html.escape(title)}</h1><p>cosine {cosine(words_old, words_new):.3f}, "
        f"Jaccard {jaccard(words_old, words_new):.3f}</p>\n" + "\n".join(rows)
    )


def run_peer(raw: Path, out: Path) -> int:
    """Write one page per consecutive pair of every country; returns the number of pages."""
    pages = 0
    for folder in sorted(p for p in raw.iterdir() if p.is_dir()):
        chapters = sorted(folder.glob("*.txt"), key=lambda p: int(p.stem))
        (out / folder.name).mkdir(parents=True, exist_ok=True)
        for old, new in pairwise(chapters):
            page = compare_pair(
                old.read_text(encoding="utf-8"),
                new.read_text(encoding="utf-8"),
                f"{folder.name}: {old.stem} to {new.stem}",
            )
            (out / folder.name / f"{old.stem}-{new.stem}.html").write_text(page, encoding="utf-8")
            pages += 1
    return pages


def main() -> None:
    """Run the peer on an archive folder and print its time."""
    raw, out = Path(sys.argv[1]), Path(sys.argv[2])
    started = time.perf_counter()
    pages = run_peer(raw, out)
    print(f"peer: {pages} pages in {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
