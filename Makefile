# The README's two commands: `make demo` and `make test`. Both create .venv and
# install what they need, so they work on a fresh clone.
#
# Installs are pinned by constraints.txt (what the last green run had); pyproject.toml
# keeps the ranges. `make lock` refreshes the pins in a scratch venv: run it on purpose,
# then `make test`, and commit both files together.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
LOCK   := constraints.txt
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: demo test lock chromium lint bench bench-ingest bench-extract bench-brief bench-stories bench-stories-batch bench-web bench-scaleout clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -c $(LOCK) pip

# Stamp files: reinstall only when pyproject.toml or the lock changes.
$(VENV)/.installed-demo: pyproject.toml $(LOCK) | $(BIN)/python
	$(PIP) install -c $(LOCK) -e '.[web]'
	touch $@

$(VENV)/.installed-test: pyproject.toml $(LOCK) | $(BIN)/python
	$(PIP) install -c $(LOCK) -e '.[test]'
	touch $@ $(VENV)/.installed-demo

# The digest of pyproject.toml's dependency lists, written into the lock: a test fails
# when they change without `make lock`.
export DEPS_DIGEST := import hashlib, json, tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
  print(hashlib.sha1(json.dumps([p["dependencies"], p["optional-dependencies"]], sort_keys=True).encode()).hexdigest()[:16])

# Resolve pyproject.toml's ranges afresh (test and dev extras) and pin the result.
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip --disable-pip-version-check -q install --upgrade pip
	.venv-lock/bin/python -m pip --disable-pip-version-check -q install -e '.[test,dev]'
	{ echo "# Pins for a fresh machine: what the last green \`make test\` ran with. Refresh with \`make lock\`."; \
	  echo "# dependencies-sha1: $$($(PYTHON) -c "$$DEPS_DIGEST")"; \
	  .venv-lock/bin/python -m pip freeze --all --exclude-editable; } > $(LOCK)
	rm -rf .venv-lock
	@echo "$(LOCK) refreshed: run make clean test, then commit it with pyproject.toml"

demo: $(VENV)/.installed-demo
	$(BIN)/crossbrief demo

# Browser tests drive Debian's Chromium (Playwright cannot download its own here).
chromium:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium) \
	  || echo "warning: chromium could not be installed; the browser tests will be skipped"

test: $(VENV)/.installed-test chromium
	$(BIN)/python -m pytest

$(VENV)/.installed-dev: pyproject.toml $(LOCK) | $(BIN)/python
	$(PIP) install -c $(LOCK) -e '.[dev]'
	touch $@

# Style and types: CI runs this before the tests.
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check crossbrief tests benchmarks
	$(BIN)/ruff format --check crossbrief tests benchmarks
	$(BIN)/mypy crossbrief

bench-ingest: $(VENV)/.installed-test
	$(BIN)/python benchmarks/ingest.py

bench-extract: $(VENV)/.installed-test
	$(BIN)/python benchmarks/extract.py

bench-stories: $(VENV)/.installed-test
	$(BIN)/python benchmarks/stories.py

bench-stories-batch: $(VENV)/.installed-test
	$(BIN)/python benchmarks/stories.py --mode batch

bench-web: $(VENV)/.installed-test
	$(BIN)/python benchmarks/web.py

bench-scaleout: $(VENV)/.installed-test
	$(BIN)/python benchmarks/scaleout.py

bench: bench-ingest bench-extract bench-brief bench-stories bench-stories-batch bench-web bench-scaleout

bench-brief: $(VENV)/.installed-test
	$(BIN)/python benchmarks/brief.py

clean:
	rm -rf $(VENV) .venv-lock demo-output .pytest_cache
