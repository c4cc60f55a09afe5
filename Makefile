# Two commands on a fresh clone: `make run` and `make test`. Both create .venv and
# install into it from the package registry; nothing else is downloaded.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
SHARED ?= ../shared

.PHONY: install dev run test lint typecheck pytest bench bench-quality train clean fuzz

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip setuptools wheel

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[dev]'
	mkdir -p $(VENV)/typecheck && ln -sfn ../.. $(VENV)/typecheck/claimcite
	touch $@ $(RUN_STAMP)

install: $(RUN_STAMP)
dev: $(DEV_STAMP)

## run: install and extract the claims of corpus/ (JSON Lines on stdout)
run: $(RUN_STAMP)
	$(BIN)/claimcite extract corpus/

## test: install, then ruff, mypy and pytest
test: lint typecheck pytest

lint: $(DEV_STAMP)
	$(BIN)/ruff check .

typecheck: $(DEV_STAMP)
	# the package, its tests and bench scripts, seen under their import name `claimcite`
	MYPYPATH=$(VENV)/typecheck $(BIN)/mypy -p claimcite

pytest: $(DEV_STAMP)
	$(BIN)/python -m pytest

## fuzz: tests/test_fuzz.py with 10,000 examples per target (slow, opt-in; `make test` runs a few dozen)
fuzz: $(DEV_STAMP)
	CLAIMCITE_FUZZ_EXAMPLES=$${CLAIMCITE_FUZZ_EXAMPLES:-10000} $(BIN)/python -m pytest tests/test_fuzz.py \
		-q -p no:cacheprovider --hypothesis-show-statistics --durations=0

## bench: throughput against bare spaCy (bench/throughput.py)
bench: $(DEV_STAMP)
	$(BIN)/python bench/throughput.py

## train: retrain the check-worthiness model from $(SHARED)/bench/claimbuster/train.json
train: $(DEV_STAMP)
	$(BIN)/python bench/train_checkworthiness.py

## bench-quality: the measurements of the README (dates, attribution, check-worthiness, actors)
bench-quality: $(DEV_STAMP)
	$(BIN)/python bench/dates_timebank.py
	$(BIN)/python bench/attribution_polnear.py
	$(BIN)/python bench/checkworthiness.py
	$(BIN)/python bench/actors.py

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .pytest_cache .ruff_cache
