# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test lint data bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/magroute plan scenarios/india-nightly.toml --out runs/demo
	$(VENV)/bin/magroute check runs/demo

test: $(STAMP)
	$(PY) -m pytest -n 2 -q

lint: $(STAMP)
	$(VENV)/bin/ruff check magroute tests data/make_data.py benchmarks/

# One benchmark set against the peers at equal wall-clock; rewrites docs/benchmarks.md.
# make bench SET=gh1000 LIMIT=60   (SET: solomon | gh1000 | pcvrptw)
SET   ?= solomon
LIMIT ?= 10
bench: $(STAMP)
	$(PY) benchmarks/run.py $(SET) --time-limit $(LIMIT)

# Regenerate the bundled synthetic India data (deterministic for a given seed).
data: $(STAMP)
	$(PY) data/make_data.py

clean:
	rm -rf $(VENV) runs .pytest_cache
