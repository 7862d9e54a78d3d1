"""Keys of every result: what went in, and the code and reference data that made it."""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from crtdiff import PARSER_VERSION
from crtdiff.catalog.model import CatalogEntry
from crtdiff.ingest.raw import RawSource
from crtdiff.schemas import SCHEMA_VERSION
from crtdiff.schemas.diff import DIFF_SCHEMA_VERSION
from crtdiff.store.fingerprint import code_digest, digest, reference_digest


@dataclass(frozen=True)
class Keys:
    """Stage digests, computed once per run."""

    ingest: str
    compare: str
    render: str

    @classmethod
    def for_reference(cls, reference_folder: Path) -> "Keys":
        """Digests of the current code and of the reference tables in `reference_folder`."""
        tables = reference_digest(reference_folder)
        return cls(
            ingest=digest(code_digest("ingest"), tables, SCHEMA_VERSION, PARSER_VERSION),
            compare=digest(code_digest("compare"), tables, DIFF_SCHEMA_VERSION),
            render=code_digest("render"),
        )

    def report(self, entry: CatalogEntry, raw: RawSource) -> str:
        """Key of a report: its raw bytes, where they came from, and what was asked of them."""
        return digest(
            self.ingest,
            hashlib.sha256(raw.data).hexdigest(),
            raw.uri,
            str(raw.illustrative),
            entry.country,
            str(entry.year),
            entry.chapter,
            entry.url or "",
            entry.published or "",
            *([] if entry.series == "crt" else [entry.series]),
        )

    def diff(self, old_report: str, new_report: str) -> str:
        """Key of a comparison: the two reports' keys."""
        return digest(self.compare, old_report, new_report)

    def country(self, report_keys: list[str], diff_keys: list[str]) -> str:
        """Key of a country's pages: every report and diff shown on them."""
        return digest(self.render, "reports", *report_keys, "diffs", *diff_keys)

    def index(self, country_keys: list[str]) -> str:
        """Key of the index and data tables: every country's pages."""
        return digest(self.render, "index", *country_keys)
