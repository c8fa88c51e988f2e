# Two commands on a fresh machine: `make demo` and `make test`. Both create .venv and install.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SHARED ?= ../shared

.PHONY: install demo test lint typecheck unit eval clean browser screenshots fuzz

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

## Two test processes (the machines have two cores), a module at a time so that a module's
## fixtures are built once, the longest modules first (tests/conftest.py, LONGEST_FIRST).
unit: install browser
	$(BIN)/pytest -q -n 2 --dist loadfile --no-loadscope-reorder

## Debian's chromium for the browser test and the screenshots (Playwright never downloads one).
## Installed only when missing and apt-get can be used; otherwise the browser test skips.
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		(apt-get update -qq || true) && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium \
			|| echo "chromium not installed: the browser test will skip"; \
	else echo "no /usr/bin/chromium and no apt-get as root: the browser test will skip"; fi

## PNGs of the web app's main pages, over a store of the examples, into docs/screenshots/.
screenshots: install browser
	mkdir -p out docs/screenshots
	rm -f out/screens.duckdb
	$(BIN)/tidings run examples --db out/screens.duckdb --quiet
	$(BIN)/python bench/screenshots.py --db out/screens.duckdb --out docs/screenshots

## The long fuzz run: 10,000 hostile inputs through every input path (FUZZ_SCALE=2 for 20,000).
FUZZ_SCALE ?= 1
fuzz: install
	$(BIN)/python bench/fuzz.py --scale $(FUZZ_SCALE)

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
