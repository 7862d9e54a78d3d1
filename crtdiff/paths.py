"""Where the project's bundled data lives."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
REFERENCE_DIR = DATA_DIR / "reference"
DEFAULT_CATALOG = DATA_DIR / "sources.toml"
DEFAULT_OUTPUT = PROJECT_ROOT / "output"
DEFAULT_STORE = PROJECT_ROOT / ".cache" / "results"
