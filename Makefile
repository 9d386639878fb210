# Developer entry points. `make run` serves the demo site group, `make test` runs the whole suite.
# Both bootstrap .venv from requirements*.txt on first use: a machine needs only python3 and make.

PYTHON ?= python3
PORT ?= 8000
PYTEST_ARGS ?=
# Test processes (pytest-xdist), each with its own test database; 0 runs the suite in one process.
PYTEST_WORKERS ?= 2
VENV := .venv
PY := $(VENV)/bin/python
# Re-install only when a requirements file is newer than the stamp left by the last install.
DEPS := $(VENV)/.requirements.stamp
DEV_DEPS := $(VENV)/.requirements-dev.stamp

.DEFAULT_GOAL := help
.PHONY: help run test test-unit test-browser browser-deps lint audit format migrate messages bench-interviews \
	bench-pages bench-scale

help:
	@echo "make run      serve the demo site group on http://127.0.0.1:$(PORT)/ (dev settings, SQLite in var/)"
	@echo "make test     run the whole test suite: test-unit, then test-browser (set DATABASE_URL to test"
	@echo "              on PostgreSQL; PYTEST_WORKERS=0 for one process, PYTEST_ARGS=\"...\" for pytest options)"
	@echo "make test-unit    the suite without the browser journeys"
	@echo "make test-browser the journeys in a real browser (Playwright + Debian's chromium, screenshots in"
	@echo "                  var/screenshots/); make browser-deps installs chromium (root, apt)"
	@echo "make lint     ruff check, ruff format --check and the layer contracts (lint-imports, pyproject.toml)"
	@echo "make audit    security checks: bandit on the code, pip-audit on the installed dependencies"
	@echo "make format   apply ruff fixes and formatting"
	@echo "make migrate  apply database migrations"
	@echo "make messages update locale/*/django.po from the code and compile them (needs GNU gettext)"
	@echo "make bench-interviews  wrk against gunicorn: the live interview endpoint next to an article page"
	@echo "              (needs wrk and Redis on 127.0.0.1:6379; BENCH_ARGS=\"--database postgres://...\")"
	@echo "make bench-pages  render times of every public page type against the baseline commit, wrk through"
	@echo "              nginx (static, proxy cache) and gunicorn (page cache on/off), worker memory (docs/performance.md;"
	@echo "              needs PostgreSQL, Redis, nginx and wrk; BENCH_ARGS=\"--skip-wrk --rounds 5 ...\")"
	@echo "make bench-scale  the demo against 100,000 articles and 50 sites: pages, admin explorer, publishing,"
	@echo "              search (docs/performance.md; PostgreSQL and Redis; the large database is kept as a template)"

# Debian ships venv/ensurepip separately (python3-venv); a failed attempt leaves a venv without pip,
# which is why the target is bin/pip and the half-made directory is removed.
$(VENV)/bin/pip:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo >&2 "error: govcms needs Python 3.11 or newer ($(PYTHON) is older)."; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { \
		rm -rf $(VENV); \
		if [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then \
			echo ">>> $(PYTHON) cannot create virtual environments: installing python3-venv"; \
			apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); \
		else \
			echo >&2 "error: $(PYTHON) cannot create a virtual environment (its venv/ensurepip module is missing)."; \
			echo >&2 "Install it, then run make again:  sudo apt-get install python3-venv"; \
			exit 1; \
		fi; \
	}

$(DEPS): requirements.txt | $(VENV)/bin/pip
	@echo ">>> Installing requirements.txt into $(VENV)"
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(DEV_DEPS): requirements-dev.txt requirements.txt | $(VENV)/bin/pip
	@echo ">>> Installing requirements-dev.txt into $(VENV)"
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

migrate: $(DEPS)
	@mkdir -p var
	@echo ">>> Applying migrations"
	$(PY) manage.py migrate --noinput --verbosity 0

# load_demo creates the demo site group on the first run only, and lists its sites and logins.
run: migrate
	$(PY) manage.py load_demo --port $(PORT)
	@echo ""
	@echo "  Admin:    http://127.0.0.1:$(PORT)/admin/"
	@echo "  Portal:   http://127.0.0.1:$(PORT)/  (the same site as http://localhost:$(PORT)/)"
	@echo "  Counties: http://<county>.localhost:$(PORT)/  (hostnames listed above)"
	@echo ""
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: test-unit test-browser

test-unit: $(DEV_DEPS)
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The journeys share one live server and one demo site group, loaded once: their own process, after
# the unit suite (whose per-test transactions and per-process fixtures cannot share a live server).
# Without chromium they are skipped, each with the reason, and pytest's summary names them.
test-browser: $(DEV_DEPS)
	$(PY) -m pytest tests/browser -m browser -n 0 $(PYTEST_ARGS)

# Debian's chromium for Playwright (whose own browser download is never used) and a CJK font, so that
# screenshots show Chinese rather than empty boxes.
browser-deps:
	@if dpkg -s chromium fonts-wqy-microhei >/dev/null 2>&1; then echo ">>> chromium is installed"; \
	elif [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-microhei; \
	else \
		echo >&2 "error: install Debian's chromium:  sudo apt-get install chromium fonts-wqy-microhei"; exit 1; \
	fi

lint: $(DEV_DEPS)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache --no-logo

# bandit reads [tool.bandit] in pyproject.toml. pip-audit runs through tools/dependency_audit.py: a known
# vulnerability fails, vulnerability data out of reach (no internet) is reported as "could not check".
audit: $(DEV_DEPS)
	$(VENV)/bin/bandit -c pyproject.toml -r . -q
	$(PY) tools/dependency_audit.py

format: $(DEV_DEPS)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Both catalogues are refreshed from the code; the compiled .mo files are committed with them,
# so only whoever changes user-facing strings needs gettext installed.
MESSAGES_IGNORE := --ignore=.venv --ignore=tools --ignore=var --ignore=tests

messages: $(DEPS)
	$(PY) manage.py makemessages -l zh_Hans -l en $(MESSAGES_IGNORE)
	$(PY) manage.py compilemessages --ignore=.venv

# docs/interviews.md, "Speed": a throw-away database, gunicorn with production settings, wrk.
bench-interviews: $(DEPS)
	$(PY) bench/interviews.py $(BENCH_ARGS)

# docs/performance.md: throw-away copies of cached demo (and 100k) databases, production settings, interleaved runs.
bench-pages: $(DEPS)
	$(PY) bench/pages.py $(BENCH_ARGS)

bench-scale: $(DEPS)
	$(PY) bench/scale.py $(BENCH_ARGS)
