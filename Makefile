# Casebook: `make run` serves the portal with the bundled dataset on SQLite;
# `make test` runs the whole suite. Both create the virtual environment first.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# Development values for `make run` only; production sets its own.
DEV_ENV := DJANGO_DEBUG=1

.PHONY: install run test lint format clean bench bench-ota bench-instructions

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py setup_roles
	$(DEV_ENV) $(PY) manage.py load_casebook --if-empty
	$(DEV_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

# The suite runs in parallel (pytest-xdist, one worker per core, at most four; each
# worker has its own test database and Redis database). PYTEST_ARGS replaces that.
PYTEST_ARGS ?= --numprocesses=auto --maxprocesses=4 --dist=loadfile

# `make bench` (SIZE=small, the default, or SIZE=large): latency, memory and ratios on
# synthetic data in databases of its own; see bench/scale.py and the README.
SIZE ?= small
bench: $(STAMP)
	$(PY) -u bench/scale.py --size $(SIZE) $(BENCH_ARGS)

# `make bench-instructions [SIZE=large] [URLS="/ /timeline/"]`: the instructions of one
# request, counted by valgrind (the same each run), to compare checkouts; bench/instructions.py.
bench-instructions: $(STAMP)
	$(PY) -u bench/instructions.py --size $(SIZE) $(URLS)

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check casebook tests

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format casebook tests

# import_ota on clones of both OTA bundles (first and second run) and load_casebook: times
# and database size, on a new database (SQLite in a temporary folder unless DATABASE_URL).
bench-ota: $(STAMP)
	$(PY) bench/ota_import.py

clean:
	rm -rf $(VENV) .bench-venv bench/var db.sqlite3 staticfiles test-artifacts .pytest_cache
