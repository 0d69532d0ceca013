# Kota Cerdas KG. `make run` builds the graph if needed and serves it; `make test` tests.
# Needs only Python 3.11+ with venv (Debian: apt-get install python3-venv).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The query page's editor (CodeMirror 5) from npm; without npm the page keeps a plain text box.
EDITOR := server/static/vendor/node_modules/.installed
DUMPS := dumps/manifest.json
INPUTS := $(shell find graph ontology shapes -name '*.yaml' -o -name '*.ttl' -o -name '*.csv' \
                        -o -name '*.py')

.PHONY: run build stats test lint clean

run: $(DUMPS)
	$(BIN)/kotacerdas stats
	$(BIN)/kotacerdas serve

build $(DUMPS): $(STAMP) $(INPUTS)
	$(BIN)/kotacerdas build

stats: $(DUMPS)
	$(BIN)/kotacerdas stats

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .

$(STAMP): pyproject.toml | $(EDITOR)
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV) || \
		{ echo "Cannot create a virtual environment: on Debian, apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(EDITOR): server/static/vendor/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix server/static/vendor --ignore-scripts --no-audit --no-fund --loglevel=error \
			&& touch $@ \
			|| echo "npm ci failed: the query page keeps a plain text box instead of the editor"; \
	else \
		echo "npm not found: the query page keeps a plain text box instead of the editor"; \
	fi

clean:
	rm -rf $(VENV) dumps build *.egg-info .pytest_cache .ruff_cache server/static/vendor/node_modules
