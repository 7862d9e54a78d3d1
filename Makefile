# Two commands for a fresh clone: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run test unit lint typecheck imports check schemas benchmark clean browser

# Exit status 1 means some entries were rejected or unavailable (offline, the catalogue's URLs
# without a fallback are): the site is still written.
run: $(STAMP)
	$(BIN)/crtdiff run || [ $$? -eq 1 ]

test: $(STAMP) browser
	$(BIN)/python -m pytest -n 2 --dist loadgroup

# The fast tier (under 30 s): everything but Prefect, local servers, subprocesses, the browser
# and the long property tests.
unit: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q -m "not integration and not slow"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# The layers of README "How the code is layered" (contracts in pyproject.toml).
imports: $(STAMP)
	$(BIN)/lint-imports

# Lint, format, types and layers: what CI runs before the tests.
check: lint typecheck imports

schemas: $(STAMP)
	$(BIN)/crtdiff schemas

benchmark: $(STAMP)
	$(BIN)/python benchmarks/archive.py --chapters 1000

# The venv is rebuilt whenever pyproject.toml changes (the stamp carries its checksum).
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,dask]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# Browser tests drive Debian's Chromium; install it once if it is missing.
browser:
	@command -v chromium >/dev/null 2>&1 || scripts/install-chromium.sh

clean:
	rm -rf $(VENV) output/*/ output/*.json output/*.html output/*.png .pytest_cache .mypy_cache .ruff_cache
