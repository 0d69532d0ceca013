# Kota Cerdas KG. `make run` builds the graph; `make test` runs every test.
# Needs only Python 3.11+ with venv (Debian: apt-get install python3-venv).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run build test lint clean

run: build
	$(BIN)/kotacerdas stats

build: $(STAMP)
	$(BIN)/kotacerdas build

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV) || \
		{ echo "Cannot create a virtual environment: on Debian, apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) dumps build *.egg-info .pytest_cache .ruff_cache
