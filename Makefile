# Raise your voice: the two commands are `make run` and `make test`.
# Every target installs what it needs into .venv first, so a fresh clone just works.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
FLASK  := $(VENV)/bin/flask --app advocacy
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test demo bench serve worker clean browser-deps

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

run: $(VENV)/.runtime
	$(FLASK) setup
	$(FLASK) run --host $(HOST) --port $(PORT)

test: $(VENV)/.dev $(BROWSER_DEPS)
	$(PY) -m pytest $(PYTEST_ARGS)

# Sends the emails queued by "Send it for me" (needs the ADVOCACY_SMTP_* settings). Run beside `make run`.
worker: $(VENV)/.runtime
	$(FLASK) worker

demo: $(VENV)/.runtime
	$(PY) -m advocacy.devtools.demo --host $(HOST) --port $(PORT)

bench: $(VENV)/.dev
	@for b in bench/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache tests/browser/node_modules tests/artifacts
