"""deepdiff imported without pandas: the compare modules leave it out, and leave it importable."""

import subprocess
import sys


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.strip()


def test_comparing_imports_no_pandas_and_leaves_it_importable() -> None:
    out = _run(
        "import sys\n"
        "import crtdiff.compare.facts\n"
        "import deepdiff.deephash\n"
        "print('pandas' in sys.modules, deepdiff.deephash.pandas)\n"
        "import pandas\n"
        "print(pandas.DataFrame.__name__)\n"
    )
    assert out.splitlines() == ["False False", "DataFrame"]


def test_a_process_that_holds_pandas_keeps_it_for_deepdiff() -> None:
    out = _run(
        "import pandas\n"
        "import crtdiff.compare.facts\n"
        "import deepdiff.deephash\n"
        "print(deepdiff.deephash.pandas is pandas)\n"
    )
    assert out == "True"


def test_the_structured_diff_works_without_pandas() -> None:
    out = _run(
        "import sys\n"
        "from crtdiff.compare.deepdiff_import import DeepDiff\n"
        "diff = DeepDiff({'a': {'killed_min': 1}}, {'a': {'killed_min': 3}})\n"
        "print('pandas' in sys.modules, sorted(diff))\n"
    )
    assert out == "False ['values_changed']"
