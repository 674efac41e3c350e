# bagalau: `make demo` runs the site on SQLite, `make test` runs every check.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

UV ?= uv
# apt-get needs root; use sudo when make runs as an ordinary user.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends
# Management commands run here are local tools: debug mode supplies a development key.
MANAGE := DEBUG=1 $(UV) run --frozen bagalau
PG_HOST ?= 127.0.0.1
PG_PORT ?= 5432
PG_URL := postgres://postgres@$(PG_HOST):$(PG_PORT)/bagalau_test
# Test processes (pytest-xdist): two halve the suite's time on CI's two cores; each has
# its own test database. `make test TEST_WORKERS=4` on a larger machine, 0 for one process.
TEST_WORKERS ?= 2
# `make demo PORT=8080` serves the demo on another port; `make serve` uses it too.
PORT ?= 8000
DEMO_ADDR := 127.0.0.1:$(PORT)
# `make serve`: the production profile (gunicorn, WhiteNoise, debug off) on this machine.
WORKERS ?= 3
SERVE_KEY := var/serve-secret-key
# Plain HTTP on 127.0.0.1 only: no HTTPS redirect, HSTS or secure-only cookies, which
# would lock a browser out of http://127.0.0.1; everything else as in production.
SERVE_ENV = DEBUG=0 SECRET_KEY="$$(cat $(SERVE_KEY))" ALLOWED_HOSTS=127.0.0.1,localhost \
  SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 SECURE_COOKIES=0 SECURE_PROXY_SSL_HEADER=0

.PHONY: help setup demo serve test lint pytest-sqlite pytest-postgres browser bench messages clean

help:
	@echo "make demo    run the site and its background worker on SQLite at http://$(DEMO_ADDR)/ (PORT=8000)"
	@echo "make serve   the production profile (gunicorn, a worker) at http://127.0.0.1:$(PORT)/"
	@echo "make test    lint, type-check and run the tests on SQLite and PostgreSQL"
	@echo "make lint | bench | messages | setup | clean"

setup:
	@command -v $(UV) >/dev/null || python3 -m pip install uv
	$(UV) sync --frozen
	@command -v msgfmt >/dev/null || { $(SUDO) apt-get update && $(APT_INSTALL) gettext; }
	cd src/bagalau/web && $(MANAGE) compilemessages --verbosity 0

# The worker runs beside the web server; Ctrl-C stops the server, and the trap the worker.
demo: setup
	$(MANAGE) migrate --verbosity 1
	$(MANAGE) demo
	$(MANAGE) worker & worker=$$!; trap 'kill $$worker 2>/dev/null || true' EXIT; \
	  $(MANAGE) runserver $(DEMO_ADDR)

# A key of its own, made once and kept in var/; DATABASE_URL is taken from the caller.
serve: setup
	@mkdir -p var && [ -s $(SERVE_KEY) ] || $(UV) run --frozen python -c \
	  "import secrets; print(secrets.token_urlsafe(50))" > $(SERVE_KEY)
	$(SERVE_ENV) $(UV) run --frozen bagalau collectstatic --noinput --verbosity 0
	$(SERVE_ENV) $(UV) run --frozen bagalau migrate --verbosity 1
	$(SERVE_ENV) $(UV) run --frozen bagalau worker & worker=$$!; trap 'kill $$worker 2>/dev/null || true' EXIT; \
	  $(SERVE_ENV) $(UV) run --frozen gunicorn bagalau.config.wsgi --bind 127.0.0.1:$(PORT) \
	    --workers $(WORKERS) --preload --access-logfile -

test: setup browser lint pytest-sqlite pytest-postgres

# Debian's Chromium and a font with Kazakh letters, for the Playwright end-to-end tests.
browser:
	@[ -x /usr/bin/chromium ] || { $(SUDO) apt-get update && $(APT_INSTALL) chromium fonts-dejavu-core; }

# The django-stubs plugin loads the settings, which want a key when DEBUG is off.
lint:
	$(UV) run --frozen ruff check .
	SECRET_KEY=type-checking-only $(UV) run --frozen mypy
	$(UV) run --frozen lint-imports

pytest-sqlite:
	@echo "== tests on SQLite =="
	env -u DATABASE_URL $(UV) run --frozen pytest -n $(TEST_WORKERS)

# PostgreSQL is optional on a workstation, required in CI (CI=true). The worker tests
# start their own processes on a SQLite file of their own: they ran with the SQLite run.
pytest-postgres:
	@if $(UV) run --frozen python -c "import socket; socket.create_connection(('$(PG_HOST)', $(PG_PORT)), 2).close()" 2>/dev/null; then \
	  echo "== tests on PostgreSQL =="; \
	  $(UV) run --frozen python -c "import psycopg; \
	    conn = psycopg.connect('postgres://postgres@$(PG_HOST):$(PG_PORT)/postgres', autocommit=True); \
	    found = conn.execute(\"select 1 from pg_database where datname = 'bagalau_test'\").fetchone(); \
	    found or conn.execute('create database bagalau_test')"; \
	  DATABASE_URL=$(PG_URL) $(UV) run --frozen pytest -n $(TEST_WORKERS) -m "not worker"; \
	elif [ "$${CI:-}" = "true" ]; then \
	  echo "PostgreSQL not reachable on $(PG_HOST):$(PG_PORT): required in CI" >&2; exit 1; \
	else \
	  echo "PostgreSQL not reachable: skipped"; \
	fi

bench: setup
	$(UV) run --frozen python benchmarks/run.py

messages:
	cd src/bagalau && $(MANAGE) makemessages -l kk -l ru --add-location=file

clean:
	rm -rf var .mypy_cache .ruff_cache .pytest_cache
	find src tests benchmarks -name __pycache__ -type d -prune -exec rm -rf {} +
	find src -name '*.mo' -delete
