"""Export the JSON Schema of every top-level model to schemas/json/."""

import json
from pathlib import Path

from pydantic import BaseModel

from crtdiff.schemas.diff import YearDiff
from crtdiff.schemas.report import CountryReport

JSON_DIR = Path(__file__).resolve().parent / "json"
MODELS: dict[str, type[BaseModel]] = {
    "country_report": CountryReport,
    "year_diff": YearDiff,
}


def schema_texts() -> dict[str, str]:
    """File name → JSON Schema text, for every exported model."""
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False)
        + "\n"
        for name, model in MODELS.items()
    }


def stale_schemas(folder: Path = JSON_DIR) -> list[str]:
    """Schema files that are missing or differ from the models."""
    return [
        name
        for name, text in schema_texts().items()
        if not (folder / name).exists() or (folder / name).read_text(encoding="utf-8") != text
    ]


def write_schemas(folder: Path = JSON_DIR) -> list[Path]:
    """Write every schema file; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
