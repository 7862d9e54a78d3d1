"""Small catalogues the flow tests run on."""

import shutil
from pathlib import Path

from crtdiff.paths import DATA_DIR
from tests.conftest import FIXTURES, SEED


def mali_and_niger(data: Path) -> Path:
    """Mali 2016 (the seed) and 2017, Niger 2012, as raw files under `data`; the catalogue."""
    (data / "raw" / "mali").mkdir(parents=True)
    shutil.copy(SEED, data / "raw" / "mali" / "2016.txt")
    shutil.copy(DATA_DIR / "samples" / "mali" / "2017.txt", data / "raw" / "mali" / "2017.txt")
    (data / "raw" / "niger").mkdir()
    shutil.copy(FIXTURES / "chapters" / "niger-2012.txt", data / "raw" / "niger" / "2012.txt")
    (data / "sources.toml").write_text("", encoding="utf-8")
    return data / "sources.toml"
