# Two commands on a fresh machine: `make demo` and `make test`. Both create .venv and install.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SHARED ?= ../shared

.PHONY: install demo test lint typecheck unit eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,spark]"
	touch $(STAMP)

install: $(STAMP)

## The main job on the project's own examples: print every article, then store them.
demo: install
	$(BIN)/tidings extract examples --format text
	mkdir -p out
	$(BIN)/tidings extract examples --format jsonl > out/examples.jsonl
	rm -f out/demo.duckdb
	$(BIN)/tidings run examples --db out/demo.duckdb
	$(BIN)/tidings timeline --db out/demo.duckdb --since 2018
	@echo "records: out/examples.jsonl · store: out/demo.duckdb"

## Every check CI runs: lint, types, the whole test suite.
test: lint typecheck unit

lint: install
	$(BIN)/ruff check tidings tests bench

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest -q

## Accuracy figures against the public gold data in ../shared (when present).
eval: install
	$(BIN)/tidings eval clean --data $(SHARED)/eval/article-extraction
	$(BIN)/tidings eval ner --data $(SHARED)/eval/conll2003-dev/eng.testa
	$(BIN)/tidings eval quotes --data $(SHARED)/eval/polnear-dev
	$(BIN)/tidings eval times --data $(SHARED)/eval/timebank
	$(BIN)/tidings eval places --data $(SHARED)/eval/geo-lgl
	$(BIN)/tidings eval plover --data $(SHARED)/eval/plover-plv-train

clean:
	rm -rf $(VENV) out build *.egg-info .mypy_cache .ruff_cache .pytest_cache
