# Carers Hub: `make run` to try it, `make test` to check it. Everything else is here too.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.9
HOST ?= 127.0.0.1
PORT ?= 8000
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run test lint install assets browser migrate seed worker bench load clean

$(VENV)/.installed: pyproject.toml uv.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(VENV)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	@$(VENV)/bin/uv sync --frozen --quiet
	@touch $@

node_modules/.installed: package.json package-lock.json
	@npm ci --no-audit --no-fund --loglevel=error
	@touch $@

build/static/css/application.css: node_modules/.installed $(wildcard carershub/core/assets/scss/*.scss)
	@mkdir -p build/static/css
	@node_modules/.bin/sass --load-path=node_modules --quiet-deps --no-source-map --style=compressed \
		carershub/core/assets/scss/application.scss $@

install: $(VENV)/.installed assets
assets: build/static/css/application.css

migrate: install
	@$(PY) manage.py migrate --noinput --verbosity 0

run: migrate
	@$(PY) manage.py seed_demo --if-empty
	@$(PY) manage.py demo_sign_ins
	@echo "Starting the worker and the web server on http://$(HOST):$(PORT) (Ctrl+C stops both)"
	@$(PY) manage.py run_worker & worker=$$!; \
		trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
		$(PY) manage.py runserver $(HOST):$(PORT)

worker: migrate
	$(PY) manage.py run_worker

# Debian's Chromium drives the browser tests; installed here when missing and running as root.
browser:
	@if ! command -v chromium >/dev/null 2>&1; then \
		if [ "$$(id -u)" = "0" ]; then \
			echo "Installing Chromium for the browser tests"; \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; \
		else echo "Chromium is missing: install Debian's chromium package to run the browser tests"; exit 1; fi; \
	fi

lint: install
	@$(VENV)/bin/ruff format --check --quiet carershub config tests benchmarks loadtest conftest.py manage.py || (echo "Some files are not laid out by ruff format: run .venv/bin/ruff format"; exit 1)
	@$(VENV)/bin/ruff check carershub config tests benchmarks loadtest
	@out=$$($(VENV)/bin/lint-imports --no-cache 2>&1) || (echo "$$out" | sed -n '/^Contracts/,$$p'; echo "An import crosses the hub's floors (ADR 33)"; exit 1)
	@$(PY) manage.py check --fail-level WARNING
	@$(PY) manage.py makemigrations --check --dry-run >/dev/null || (echo "Models have changes without a migration: run manage.py makemigrations"; exit 1)

test: install browser lint
	@$(VENV)/bin/pytest -n $${TEST_WORKERS:-auto} $(PYTEST_ARGS)

# Search benchmark in a database of its own (never the hub's), results in BENCHMARKS.md:
#   make bench                      SQLite, 100,000 carers
#   make bench BENCH_ARGS="--database-url postgres://postgres@127.0.0.1:5432/carershub_search_bench"   1,000,000
# then the directory's Open Referral search at 10,000 services (DIRECTORY_BENCH_ARGS likewise, e.g.
#   DIRECTORY_BENCH_ARGS="--database-url postgres://postgres@127.0.0.1:5432/carershub_directory_bench")
bench: install
	$(PY) -m benchmarks.search $(BENCH_ARGS)
	$(PY) -m benchmarks.directory $(DIRECTORY_BENCH_ARGS)

# Load test (never in `make test` or CI; under 10 minutes): 200 signed-in staff and the public directory
# for 3 minutes against gunicorn with production settings, in a throwaway PostgreSQL database of its
# own (dropped afterwards), results in BENCHMARKS.md. Options: .venv/bin/python loadtest/run.py --help
#   make load LOAD_ARGS="--users 50 --run-time 1m"     a short trial
load: install
	$(PY) loadtest/run.py $(LOAD_ARGS)

clean:
	rm -rf $(VENV) node_modules build var
