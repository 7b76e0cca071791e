# The two commands the README gives: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install browser run test lint bench load screenshots demo-files clean db-start db-stop

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium, for the browser tests (Playwright drives it; it never downloads one).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

run: install
	$(BIN)/ecosystem load-demo
	$(BIN)/ecosystem users first-admin
	$(BIN)/ecosystem serve

test: install browser
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check ecosystem web tests bench
	$(BIN)/mypy

bench: install
	$(BIN)/python -m bench

# Refresh the README's screenshots from the browser tests.
screenshots: install browser
	ECOSYSTEM_SCREENSHOTS=$(CURDIR)/docs/screenshots $(BIN)/pytest -m browser

# A bounded load test of the web app on loopback (not part of the tests).
load: install
	$(BIN)/python -m bench.load

db-start: install
	$(BIN)/ecosystem db start

db-stop: install
	$(BIN)/ecosystem db stop

clean:
	rm -rf $(VENV) build dist *.egg-info
