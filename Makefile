# Safeboard: `make run` to try it, `make test` to check it.
SHELL := /bin/bash
PYTHON ?= $(shell pyenv which python 2>/dev/null || command -v python3.12)
VENV := .venv
PY := $(VENV)/bin/python
# `make run` serves the demo partnership; `make test` sets the test configuration.
export SAFEBOARD_ENV ?= demo
# WeasyPrint needs pango; the browser tests need Debian's Chromium.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 chromium fonts-dejavu-core
ASSETS := assets/build/safeboard.css

.PHONY: setup run test bench lint system install assets migrate demo clean

setup: system install assets migrate demo

run: setup
	@$(PY) manage.py demo --sign-in
	@echo "Serving the demo (SAFEBOARD_ENV=demo, with debugging on) on http://127.0.0.1:8000/"
	@echo "with a background worker. Ctrl-C stops both."
	@trap 'kill 0' INT TERM; \
	$(PY) manage.py worker & \
	$(PY) manage.py serve --bind 127.0.0.1:8000 & \
	wait

test: export SAFEBOARD_ENV := test
test: system install assets
	$(PY) -m pytest -n 2 -q

bench: setup
	$(PY) -m bench

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	# Typed modules; bench still has type errors to clear.
	$(VENV)/bin/mypy safeboard/core safeboard/actions safeboard/governance safeboard/reviews \
		safeboard/annual safeboard/demo safeboard/performance safeboard/returns

system:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing system packages: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Safeboard needs these system packages: $$missing"; \
	    echo "Install them with: sudo apt-get install $$missing"; exit 1; \
	  fi; \
	fi

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 is needed (see .python-version)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.lock
	$(PY) -m pip install -q --no-deps -e .
	@touch $@

assets: $(ASSETS)

$(ASSETS): package.json package-lock.json assets/build.mjs $(wildcard assets/src/* assets/src/images/*)
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build

migrate: install
	$(PY) manage.py migrate --noinput -v0

demo: migrate
	$(PY) manage.py demo --if-empty > /dev/null

.PHONY: bench
clean:
	rm -rf $(VENV) node_modules assets/build staticfiles
