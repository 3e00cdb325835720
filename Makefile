# Sifa — the README's commands. Each target bootstraps .venv from the lock on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ASSETS := sifa/static/vendor/.built
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test test-fast bench install assets fonts lint clean

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $(STAMP)

install: $(STAMP) $(ASSETS) fonts

fonts:
	@bash tools/install_fonts.sh

$(ASSETS): $(STAMP) frontend/package.json frontend/package-lock.json tools/build_assets.py
	$(BIN)/python tools/build_assets.py

assets: $(ASSETS)

demo: install
	$(BIN)/sifa migrate --noinput -v0
	$(BIN)/sifa demo --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python tools/run_tests.py

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow and not browser and not spark"

bench: install
	$(BIN)/python bench/run_all.py

lint: install
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) var sifa/static/vendor frontend/node_modules
