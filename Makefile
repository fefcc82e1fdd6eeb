# khaosan: `make run` runs the ETL on the bundled samples, `make test` runs the test suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
WAREHOUSE ?= warehouse
GOLD ?= ../shared/gold
EVAL_WAREHOUSE ?= .eval-warehouse

export PYTHAINLP_OFFLINE := 1
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS := 180

.PHONY: install run test eval bench bench-full lint clean

install: $(VENV)/.installed

# The lock file pins every package, build tools included (see README, "Dependencies");
# the project itself is then installed editable without resolving anything again.
$(VENV)/.installed: requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "khaosan needs Python 3.11 (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

run: install
	$(BIN)/khaosan run --source seeds/documents --warehouse $(WAREHOUSE)

test: install
	$(BIN)/python -m pytest

eval: install
	@rm -rf $(EVAL_WAREHOUSE)
	@$(BIN)/khaosan run --source $(GOLD)/dev/src --warehouse $(EVAL_WAREHOUSE) > $(EVAL_WAREHOUSE).log 2>&1 || (cat $(EVAL_WAREHOUSE).log; exit 1)
	@$(BIN)/python $(GOLD)/score.py $(GOLD)/dev/gold.jsonl $(EVAL_WAREHOUSE)/khaosan.duckdb

bench: install
	$(BIN)/python benchmarks/bench.py --n 2000 --seed 42 --repeat 3

bench-full: install
	$(BIN)/python benchmarks/full_run.py

lint: install
	$(BIN)/ruff check flows transforms tests benchmarks
	$(BIN)/python -m flows.data_dictionary --check

clean:
	rm -rf $(WAREHOUSE) $(EVAL_WAREHOUSE) $(EVAL_WAREHOUSE).log .pytest_cache .ruff_cache
