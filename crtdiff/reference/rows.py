"""Reading a reference table: its exact columns, each row with where it stands in the file."""

import csv
from pathlib import Path

from crtdiff.errors import ConfigError


def read_rows(path: Path, columns: list[str]) -> list[tuple[str, dict[str, str]]]:
    """Rows of a CSV table as ("<file> line <n>", row); a clear error when the file cannot be
    read or its header is not `columns`."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames != columns:
                raise ConfigError(str(path), f"columns must be {', '.join(columns)}")
            return [(f"{path.name} line {n}", row) for n, row in enumerate(reader, start=2)]
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read table ({exc.strerror})") from exc
