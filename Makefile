# Raise your voice: the two commands are `make run` and `make test`.
# Every target installs what it needs into .venv first, so a fresh clone just works.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
FLASK  := $(VENV)/bin/flask --app advocacy
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test demo bench serve worker clean browser-deps doc-deps

# Stamp files record that a requirements file was installed; they are remade when it changes.
$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Browser tests (tests/browser/) drive Debian's Chromium with Playwright and check pages with axe-core.
# Both are installed here only when missing, so a fresh machine needs no manual step and a ready one
# pays nothing. SKIP_BROWSER_TESTS=1 skips installing them and the browser tests (never in CI).
CHROMIUM := /usr/bin/chromium
AXE_JS   := tests/browser/node_modules/axe-core/axe.min.js
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo -n)
ifeq ($(SKIP_BROWSER_TESTS):$(CI),1:)
BROWSER_DEPS :=
else
BROWSER_DEPS := $(CHROMIUM) $(AXE_JS)
endif

$(CHROMIUM):
	@echo "Installing Debian's chromium for the browser tests (or set SKIP_BROWSER_TESTS=1 to skip them)"
	@$(SUDO) env DEBIAN_FRONTEND=noninteractive sh -c 'apt-get update -qq && apt-get install -y -qq \
	    -o DPkg::Lock::Timeout=300 --no-install-recommends chromium >/dev/null' \
	  || { echo "Could not install chromium: run 'apt-get install chromium' as root, or set SKIP_BROWSER_TESTS=1"; exit 1; }

# The version is pinned in tests/browser/package.json; a bump there reinstalls. No lock file: it would
# only record download addresses, and the exact version is pinned already.
$(AXE_JS): tests/browser/package.json
	npm install --prefix tests/browser --no-package-lock --no-audit --no-fund --loglevel=error
	touch $@

browser-deps: $(CHROMIUM) $(AXE_JS)

# LibreOffice (headless, no GUI) converts the Word motion to PDF in tests/test_motion_word.py, which
# compares it with the app's own PDF. Installed here when missing; where it cannot be installed the
# make goes on and that test skips, saying why.
SOFFICE := /usr/bin/soffice
$(SOFFICE):
	@echo "Installing LibreOffice (headless) for the Word motion test"
	@$(SUDO) env DEBIAN_FRONTEND=noninteractive sh -c 'apt-get update -qq && apt-get install -y -qq \
	    -o DPkg::Lock::Timeout=300 --no-install-recommends libreoffice-writer-nogui >/dev/null' \
	  || echo "Could not install LibreOffice: tests/test_motion_word.py will skip its LibreOffice comparison"

doc-deps: $(SOFFICE)

run: $(VENV)/.runtime
	$(FLASK) setup
	$(FLASK) run --host $(HOST) --port $(PORT)

# The suite runs twice: on SQLite, then on PostgreSQL when a server answers at ADVOCACY_TEST_DATABASE_URL
# (the tests create and drop their own database there; browser tests run only in the SQLite pass).
# `make test ADVOCACY_TEST_DATABASE_URL=` runs the SQLite pass only.
ADVOCACY_TEST_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

test: $(VENV)/.dev $(BROWSER_DEPS) $(SOFFICE)
	ADVOCACY_TEST_DATABASE_URL= $(PY) -m pytest $(PYTEST_ARGS)
ifneq ($(strip $(ADVOCACY_TEST_DATABASE_URL)),)
	@if $(PY) -m advocacy.devtools.postgres "$(ADVOCACY_TEST_DATABASE_URL)"; then \
	  echo "== PostgreSQL pass: the suite again on $(ADVOCACY_TEST_DATABASE_URL)"; \
	  ADVOCACY_TEST_DATABASE_URL= $(PY) -m pytest --database-url "$(ADVOCACY_TEST_DATABASE_URL)" $(PYTEST_ARGS); \
	else \
	  echo "== PostgreSQL pass skipped: no server answers at $(ADVOCACY_TEST_DATABASE_URL)"; \
	fi
else
	@echo "== PostgreSQL pass skipped: ADVOCACY_TEST_DATABASE_URL is empty"
endif

demo: $(VENV)/.runtime
	$(PY) -m advocacy.devtools.demo --host $(HOST) --port $(PORT)

# bench/load.py measures with wrk (Debian's package), installed here like Chromium when missing.
WRK := /usr/bin/wrk

$(WRK):
	@echo "Installing Debian's wrk for bench/load.py"
	@$(SUDO) env DEBIAN_FRONTEND=noninteractive sh -c 'apt-get update -qq && apt-get install -y -qq \
	    -o DPkg::Lock::Timeout=300 --no-install-recommends wrk >/dev/null' \
	  || { echo "Could not install wrk: run 'apt-get install wrk' as root"; exit 1; }

# HarfBuzz's subsetting library: with it WeasyPrint cuts the bundled fonts down to the glyphs a PDF uses in C;
# without it, in Python (fontTools), and a letter's PDF takes 2 to 3 times as long. Installed for `make serve`
# and the benchmarks when missing; where it cannot be installed, PDFs are only slower.
HB_SUBSET := /usr/lib/$(shell uname -m)-linux-gnu/libharfbuzz-subset.so.0
$(HB_SUBSET):
	@echo "Installing HarfBuzz's subsetting library (faster PDFs)"
	@$(SUDO) env DEBIAN_FRONTEND=noninteractive sh -c 'apt-get update -qq && apt-get install -y -qq \
	    -o DPkg::Lock::Timeout=300 --no-install-recommends libharfbuzz-subset0 >/dev/null' \
	  || echo "Could not install libharfbuzz-subset0: PDFs will be slower (run 'apt-get install libharfbuzz-subset0' as root)"

bench: $(VENV)/.dev $(WRK) $(HB_SUBSET)
	@for b in bench/[!_]*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

# Production-style serving: gunicorn, sync workers, 2 per core + 1 (WORKERS=n to choose). Upgrades the
# database first. Put a reverse proxy (TLS) in front; see docs/operators.md, "Deployment".
WORKERS ?=
serve: $(VENV)/.runtime $(HB_SUBSET)
	$(FLASK) setup
	HOST=$(HOST) PORT=$(PORT) $(VENV)/bin/gunicorn -c python:advocacy.gunicorn_conf $(if $(WORKERS),--workers $(WORKERS)) \
	  advocacy.wsgi:app

# Sends the emails queued by "Send it for me" (needs the ADVOCACY_SMTP_* settings): one or more of these
# beside `make run` or `make serve` (RQ on Redis when ADVOCACY_REDIS_URL is set, else the database queue).
worker: $(VENV)/.runtime
	$(FLASK) worker

clean:
	rm -rf $(VENV) .pytest_cache tests/browser/node_modules tests/artifacts
