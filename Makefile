# The Start for Life portal. `make run` to try it, `make test` to check it.
# Needs only Python 3.11+, Node 18+ and make: everything else is installed into the checkout.

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.DEFAULT_GOAL := help
.PHONY: help setup run serve dev test lint audit migrate seed static bench db-stop lock clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

static/dist/.built: node_modules/.installed $(shell find static/scss static/js -type f 2>/dev/null)
	npm run --silent build
	@touch $@

setup: $(VENV)/.installed static/dist/.built ## Install Python and npm dependencies and build the styles

migrate: setup ## Start the database if needed and apply migrations
	$(MANAGE) migrate --no-input

seed: migrate ## Load the demo content (safe to run again)
	$(MANAGE) seed_demo

static: setup ## Collect, compress and hash static files for production
	$(MANAGE) collectstatic --no-input --verbosity 0

run: seed static ## Set everything up and serve the portal with demo content, as parents see it
	@echo "Serving on http://127.0.0.1:$(PORT) (DEBUG off). Ctrl+C to stop."
	$(VENV)/bin/gunicorn startforlife.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile -

serve: migrate static ## Production-like: gunicorn, DEBUG off, collected static, no demo content
	$(VENV)/bin/gunicorn startforlife.wsgi --bind $${BIND:-127.0.0.1:$(PORT)} --workers $${WEB_CONCURRENCY:-2} --access-logfile -

dev: migrate ## Auto-reloading debug server for developers
	DEBUG=true $(MANAGE) runserver 127.0.0.1:$(PORT)

lint: setup ## Check style and that every model change has its migration
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run

audit: setup ## Check pinned Python and npm packages for known vulnerabilities (skips if offline)
	$(PY) scripts/audit.py

test: setup static lint audit ## Set up, then run the whole test suite, lint and the audit
	$(VENV)/bin/pytest

bench: static ## Benchmark the pages at council scale (BENCH_SCALE=0.1 for a tenth); writes bench/results.md
	@command -v wrk >/dev/null || apt-get install -y wrk || { echo "Install wrk (apt-get install wrk)"; exit 1; }
	$(PY) bench/run.py

db-stop: ## Stop the embedded PostgreSQL (when DATABASE_URL is not set)
	$(PY) -c 'from startforlife.database import stop_embedded_database; stop_embedded_database()'

lock: ## Re-pin requirements.txt after changing pyproject.toml
	$(PY) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print("\n".join(p["dependencies"] + p["optional-dependencies"]["test"]))' > .data/direct-requirements.txt
	$(PY) -m pip install --quiet -r .data/direct-requirements.txt
	$(PY) -m pip freeze > requirements.txt

clean: ## Remove installed dependencies and built files (keeps the database)
	rm -rf $(VENV) node_modules static/dist staticfiles
