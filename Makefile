# plangen — `make build` renders every plan in plans/, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build pdf test fuzz validate bench clean

# PYTHONWARNINGS: setuptools announces an editable install with mapped folders (pyproject.toml's
# package-dir) as a warning banner; it is only information.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	PYTHONWARNINGS="ignore:Editable installation" $(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# `make build` rebuilds only the plans whose inputs changed; PLANS= names files or folders
# (default plans/), BUILD_FLAGS= passes options, e.g. BUILD_FLAGS="--force -j 4 --keep-going".
build: $(STAMP)
	$(BIN)/plangen build $(PLANS) $(BUILD_FLAGS)

pdf: $(STAMP)
	$(BIN)/plangen build --pdf $(PLANS) $(BUILD_FLAGS)

validate: $(STAMP)
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
diff: $(STAMP)
	@test -n "$(OLD)" || { echo "usage: make diff OLD=<git revision>, e.g. make diff OLD=HEAD~1" >&2; exit 2; }
	$(BIN)/plangen redline --since "$(OLD)"
