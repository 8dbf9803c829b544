# Raise your voice: the two commands are `make run` and `make test`.
# Every target installs what it needs into .venv first, so a fresh clone just works.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
FLASK  := $(VENV)/bin/flask --app advocacy
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test demo bench serve worker clean

# Stamp files record that a requirements file was installed; they are remade when it changes.
$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: $(VENV)/.runtime
	$(FLASK) setup
	$(FLASK) run --host $(HOST) --port $(PORT)

test: $(VENV)/.dev
	$(PY) -m pytest $(PYTEST_ARGS)

demo: $(VENV)/.runtime
	$(PY) -m advocacy.devtools.demo --host $(HOST) --port $(PORT)

bench: $(VENV)/.dev
	@for b in bench/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache
