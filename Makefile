# The commands a newcomer needs. `make` alone lists them.
SHELL := /bin/bash
SYSTEM_PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
VARNISHD ?= /usr/sbin/varnishd

.DEFAULT_GOAL := help
.PHONY: help check-python install run serve superuser demo-users test test-browser test-faults faults-deps browser varnish node lint format bench mutate check clean wrk prod-tools prod test-scale profile

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-13s %s\n", $$1, $$2}'

check-python:
	@$(SYSTEM_PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || { \
	  echo "ERROR: Django 6 needs Python 3.12 or newer, but '$(SYSTEM_PYTHON)' is $$($(SYSTEM_PYTHON) --version 2>&1)."; \
	  echo "Install Python 3.13 (pyenv reads .python-version) or run: make SYSTEM_PYTHON=/path/to/python3.13 ..."; \
	  exit 1; }

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(MAKE) --no-print-directory check-python
	@test -x $(PY) && $(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || { rm -rf $(VENV); $(SYSTEM_PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed ## Create .venv and install the pinned requirements

# The site's public address for `make run`: staff e-mail links, and the Site record the demo loader sets.
run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
run: install ## Migrate, load demo content, start the (supervised) task worker and the scheduler, serve on http://127.0.0.1:8000
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content
	$(PY) manage.py create_demo_users
	@echo "Starting the task worker, the scheduler and the ASGI server (HTTP + WebSocket) on http://$(HOST):$(PORT)/ — Ctrl+C stops all three."
	@echo "Admin: http://$(HOST):$(PORT)/admin/ (links in staff e-mails and canonical links use $(WAGTAILADMIN_BASE_URL))"
	@trap 'kill 0' EXIT INT TERM; \
	  $(PY) manage.py run_worker & \
	  $(PY) manage.py run_scheduler & \
	  DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-treatment_site.settings.dev} $(VENV)/bin/uvicorn treatment_site.asgi:application --host $(HOST) --port $(PORT) --no-access-log --http treatment_site.http_protocol:H11Protocol --timeout-keep-alive 5 --reload --reload-dir pages --reload-dir intake --reload-dir chat --reload-dir templates --reload-dir treatment_site

superuser: install ## Create an admin account interactively
	$(PY) manage.py createsuperuser

demo-users: install ## Create the demo accounts again (prints new passwords)
	$(PY) manage.py create_demo_users --reset-passwords

browser: ## Install Debian's Chromium for the browser tests (never downloads a browser build)
	@if [ -x $(CHROMIUM) ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's chromium package for the browser tests..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	    || echo "WARNING: could not install chromium; browser tests will be SKIPPED."; \
	else \
	  echo "WARNING: $(CHROMIUM) is missing and this user cannot apt-get install it; browser tests will be SKIPPED."; \
	fi

varnish: ## Install Debian's Varnish (and wrk) for the cache tests; see deploy/varnish/README.md
	@if [ -x $(VARNISHD) ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's varnish and wrk packages for the cache tests..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends varnish wrk >/dev/null) \
	    || echo "WARNING: could not install varnish; the Varnish purge tests will be SKIPPED."; \
	  systemctl disable --now varnish varnishncsa >/dev/null 2>&1 || true; \
	else \
	  echo "WARNING: $(VARNISHD) is missing and this user cannot apt-get install it; the Varnish purge tests will be SKIPPED."; \
	fi

test: install browser varnish prod-tools ## Run the whole test suite (browser tests and the HAProxy and Varnish checks included)
	$(PY) -m pytest

test-browser: install browser ## Run only the real-browser tests
	$(PY) -m pytest -m browser

faults-deps: ## Install the PostgreSQL server and Redis that the fault suite starts privately (Debian)
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && command -v redis-server >/dev/null; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  for try in 1 2 3 4 5 6; do \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql redis-server >/dev/null) && exit 0; \
	    echo "apt-get is busy; retrying in 10 s"; sleep 10; \
	  done; exit 1; \
	else \
	  echo "ERROR: the fault suite needs PostgreSQL server binaries and redis-server (apt-get install postgresql redis-server)."; exit 1; \
	fi

test-faults: install faults-deps ## Break Redis, PostgreSQL, SMTP and the worker on purpose (private servers) and check nothing is lost
	$(PY) -m pytest -m faults tests/faults -p no:randomly -p no:xdist

node: ## Install Node.js and npm from Debian if missing (only the CSS/JS linters use them)
	@if command -v npm >/dev/null; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's nodejs and npm packages for the CSS/JS linters..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	else \
	  echo "ERROR: npm is missing; install Node.js 20.19 or newer to run the CSS/JS linters."; exit 1; \
	fi

# The linters' exact versions are pinned in package-lock.json; `npm ci` reinstalls them when it changes.
node_modules/.installed: package.json package-lock.json
	@$(MAKE) --no-print-directory node
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

lint: install node_modules/.installed ## Check Python (ruff), CSS (stylelint) and JavaScript (eslint)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	npx --no-install stylelint "static/css/**/*.css"
	npx --no-install eslint static/js

format: install ## Reformat with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Debian packages for production on this machine, the scale test and the benchmark (never a downloaded binary).
APT_INSTALL = DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends
define apt_need
	@missing=""; for pair in $(1); do cmd=$${pair%%:*}; pkg=$${pair##*:}; command -v $$cmd >/dev/null || [ -x /usr/sbin/$$cmd ] || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian packages:$$missing"; \
	    for try in 1 2 3 4 5 6 7 8 9 10; do (apt-get update -qq && $(APT_INSTALL) $$missing >/dev/null) && break; sleep 10; done; \
	    systemctl disable --now haproxy varnish varnishncsa >/dev/null 2>&1 || true; \
	  else echo "WARNING: missing$$missing and this user cannot apt-get install them."; fi; \
	fi
endef

wrk: ## Install Debian's wrk (HTTP benchmark tool)
	$(call apt_need,wrk:wrk)

prod-tools: ## Install Debian's HAProxy, Varnish and wrk
	$(call apt_need,haproxy:haproxy varnishd:varnish wrk:wrk)

prod: install prod-tools ## Production settings on this machine: Varnish :8200 -> HAProxy -> 2 app servers (deploy/)
	deploy/prod.sh

test-scale: install prod-tools ## Scale test: two app servers behind HAProxy and Varnish, one PostgreSQL and Redis
	$(PY) -m pytest -m scale tests/scale

profile: install ## CPU profile of one request under the production settings (PAGE=/drugs/klonopin/ or PAGE=POST; the `make prod` database)
	set -a; . deploy/prod.env; [ -f .prod-secrets.env ] && . ./.prod-secrets.env; set +a; $(PY) bench/profile/request.py $(PAGE)

mutate: install ## Mutation-test the modules in pyproject's [tool.mutmut] (slow; not part of make test)
	@# Every mutant run reuses one test database (--reuse-db): build it fresh from today's migrations first.
	$(PY) -m pytest --create-db -q -p no:randomly tests/audit
	$(VENV)/bin/mutmut run --max-children 1
	$(VENV)/bin/mutmut results

bench: install prod-tools ## Every issue-10 figure in one run: its own stack on :8291-8294, wrk, PASS/GAP vs targets
	$(PY) bench/run.py

check: lint test ## Lint and test

clean: ## Remove the virtualenv, the linters' node_modules and the local database
	rm -rf $(VENV) node_modules db.sqlite3
