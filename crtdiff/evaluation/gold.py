"""The gold files (tests/fixtures/gold/) and the vocabulary their labels use."""

import html
import json
import re
from pathlib import Path
from typing import Any

Gold = dict[str, Any]

LEGAL_KINDS = (
    "state_of_emergency",
    "reparations_order",
    "conviction",
    "arrest_warrant",
    "extradition",
    "designation",
    "ratification",
    "strategy",
    "penal_code",
    "decree",
    "agreement",
    "asset_freeze",
    "law",
    "unit",
)
"""The legal-measure kinds of issue 10, in the order of precedence the labels follow."""
LEGAL_STATUSES = (
    "drafted",
    "proposed",
    "passed",
    "adopted",
    "signed",
    "in_force",
    "implemented",
    "extended",
    "sentenced",
    "issued",
)
CLASSES = (
    "tolls",
    "attacks",
    "dates",
    "places",
    "groups",
    "legal",
    "metadata",
    "furniture",
    "headline",
)
"""The classes of issue 10 a gold chapter says it exercises."""
NOT_INCIDENT_REASONS = (
    "hostage_release",
    "aggregate",
    "attacker_background",
    "security_operation",
    "state_action",
    "plural_undated",
)

_SPACE = re.compile(r"\s+")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def fold_space(text: str) -> str:
    """Runs of whitespace (no-break spaces included) as one space: how gold strings compare."""
    return _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()


def page_text(path: Path) -> str:
    """A gold chapter's text as its labeller read it: HTML without tags, entities decoded."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix in (".html", ".htm"):
        raw = _TAG.sub(" ", _SCRIPT.sub(" ", _COMMENT.sub(" ", raw)))
        raw = html.unescape(raw)
    return fold_space(raw)


def load_gold(folder: Path) -> list[tuple[Path, Gold]]:
    """Every gold chapter file of a folder, sorted by name."""
    return [(p, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(folder.glob("*.json"))]


def load_pairs(folder: Path) -> list[tuple[Path, Gold]]:
    """Every pair file (`pairs/<old>--<new>.json`) of a gold folder, sorted by name."""
    return load_gold(folder / "pairs")
