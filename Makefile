# Set-up and everyday tasks. `make demo` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= sample.db

.PHONY: demo test lint bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

## demo: install, ingest the bundled sample corpus into $(DB) and show what it holds
demo: $(BIN)/.installed
	$(BIN)/newsgraph ingest samples --db $(DB)
	$(BIN)/newsgraph entities --db $(DB) --limit 25
	$(BIN)/newsgraph show "Hassan Qadiri" --db $(DB)

## test: lint, then the whole test suite
test: $(BIN)/.installed lint
	$(BIN)/pytest -q

lint: $(BIN)/.installed
	$(BIN)/ruff check newsgraph tests bench scripts

## bench: every benchmark (reads ../shared/data; several minutes)
bench: $(BIN)/.installed
	for b in bench/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) $(DB) *.egg-info .pytest_cache .ruff_cache
