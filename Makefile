# make demo: open the planner on sample data.  make test: everything CI runs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo run test lint typecheck bench bench-peers clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/acct-tui --demo

run: $(STAMP)
	$(BIN)/acct-tui

lint: $(STAMP)
	$(BIN)/ruff check acct_tui tests
	$(BIN)/ruff format --check acct_tui tests
	$(BIN)/mypy

test: $(STAMP) lint
	$(BIN)/pytest -n 2 --dist loadfile

# Speed at every book size against the budgets in bench/budgets.py (README: Speed) (~13 minutes; not part of
# `make test`).
# BENCH_ARGS="--quick" for a short run, "--profile" to add pyinstrument profiles (bench/run.py --help).
# The peers (dooit in its own venv under bench/peers, taskwarrior with apt-get) are installed here
# only; one that cannot be installed is left out of the bench with a note.
$(VENV)/.bench-installed: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@

bench-peers: $(VENV)/.bench-installed
	$(BIN)/python bench/peers.py install

bench: bench-peers
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
