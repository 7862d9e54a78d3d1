"""Reading a reference CSV: its columns checked, each row with its line number for messages."""

import csv
from pathlib import Path

from crtdiff.errors import ConfigError


def read_rows(
    path: Path, columns: list[str], what: str, *, extra_columns: bool = False
) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) of every data row; a missing file or wrong columns is a ConfigError.

    With `extra_columns`, the table may have more columns than `columns` (a table another
    part of the project owns), otherwise exactly these, in this order.
    """
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            found = list(reader.fieldnames or ())
            if found != columns and not (extra_columns and set(columns) <= set(found)):
                kind = "include" if extra_columns else "be"
                raise ConfigError(str(path), f"columns must {kind} {', '.join(columns)}")
            return list(enumerate(reader, start=2))
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read {what} ({exc.strerror})") from exc
