# The README's two commands: `make demo` and `make test`. Both create .venv and
# install what they need, so they work on a fresh clone.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: demo test chromium lint bench bench-ingest bench-extract bench-brief bench-stories bench-web bench-scaleout clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

# Stamp files: reinstall only when pyproject.toml changes.
$(VENV)/.installed-demo: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[web]'
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[test]'
	touch $@ $(VENV)/.installed-demo

demo: $(VENV)/.installed-demo
	$(BIN)/crossbrief demo

# Browser tests drive Debian's Chromium (Playwright cannot download its own here).
chromium:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium) \
	  || echo "warning: chromium could not be installed; the browser tests will be skipped"

test: $(VENV)/.installed-test chromium
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(PIP) install ruff mypy
	$(BIN)/ruff check crossbrief tests benchmarks
	$(BIN)/mypy crossbrief

bench-ingest: $(VENV)/.installed-test
	$(BIN)/python benchmarks/ingest.py

bench-extract: $(VENV)/.installed-test
	$(BIN)/python benchmarks/extract.py

bench-stories: $(VENV)/.installed-test
	$(BIN)/python benchmarks/stories.py

bench-web: $(VENV)/.installed-test
	$(BIN)/python benchmarks/web.py

bench-scaleout: $(VENV)/.installed-test
	$(BIN)/python benchmarks/scaleout.py

bench: bench-ingest bench-extract bench-brief bench-stories bench-web bench-scaleout

bench-brief: $(VENV)/.installed-test
	$(BIN)/python benchmarks/brief.py

clean:
	rm -rf $(VENV) demo-output .pytest_cache
