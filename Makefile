# plangen — `make build` renders every plan in plans/, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BUILT := $(VENV)/.built
STAMP := $(VENV)/.installed

.PHONY: build pdf test fuzz validate bench clean

# Two stamps: $(BUILT) has what building needs (pip install -e .), $(STAMP) adds the test tools
# (pip install -e '.[test]') for test, fuzz and bench, and counts as $(BUILT) too.
# PYTHONWARNINGS: setuptools announces an editable install with mapped folders (pyproject.toml's
# package-dir) as a warning banner; it is only information.
PIP_INSTALL = PYTHONWARNINGS="ignore:Editable installation" $(BIN)/pip install --quiet --disable-pip-version-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(BUILT): pyproject.toml | $(BIN)/python
	test -f $(STAMP) -a $(STAMP) -nt pyproject.toml || $(PIP_INSTALL) -e .
	touch $(BUILT)

$(STAMP): pyproject.toml | $(BIN)/python
	$(PIP_INSTALL) -e '.[test]'
	touch $(STAMP) $(BUILT)

# `make build` rebuilds only the plans whose inputs changed; PLANS= names files or folders
# (default plans/), BUILD_FLAGS= passes options, e.g. BUILD_FLAGS="--force -j 4 --keep-going".
build: $(BUILT)
	$(BIN)/plangen build $(PLANS) $(BUILD_FLAGS)

pdf: $(BUILT)
	$(BIN)/plangen build --pdf $(PLANS) $(BUILD_FLAGS)

validate: $(BUILT)
	$(BIN)/plangen validate

test: $(STAMP)
	$(BIN)/python -m pytest -q

# `make fuzz`: the property tests with 25 times as many random examples as `make test` runs
# (HYPOTHESIS_PROFILE=fuzz, tests/conftest.py); a failure found is kept in .hypothesis/ and
# tried first on the next `make fuzz`.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q $(shell grep -rl --include='test_*.py' '^from hypothesis' tests)

# BENCH_FLAGS="--skip-nation --skip-pdf" for a shorter run.
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_FLAGS)

clean:
	rm -rf output .pytest_cache
	find . -name __pycache__ -type d -not -path './$(VENV)/*' -prune -exec rm -rf {} +

# `make diff OLD=HEAD~1`: output/<name>.redline.docx for every plan changed since OLD.
.PHONY: diff
diff: $(BUILT)
	@test -n "$(OLD)" || { echo "usage: make diff OLD=<git revision>, e.g. make diff OLD=HEAD~1" >&2; exit 2; }
	$(BIN)/plangen redline --since "$(OLD)"
