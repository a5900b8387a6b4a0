# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test lint data pincodes bench clean system-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/magroute plan scenarios/india-nightly.toml --out runs/demo
	$(VENV)/bin/magroute check runs/demo

# worksteal: an idle worker takes tests queued for the other, so the long CLI tests near the end
# do not leave one core idle (575 tests: 8 min 46 s, against 9 min 25 s to 11 min 11 s by load).
test: $(STAMP) system-deps
	$(PY) -m pytest -n 2 --dist worksteal -q

# The export tests use the real consumers: Debian's Chromium opens the HTML map and poppler's
# pdftotext reads the PDF manifests. Installed here when missing (root, or sudo).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
system-deps:
	@command -v chromium >/dev/null && command -v pdftotext >/dev/null || { \
	  echo "installing Debian packages chromium and poppler-utils for the export tests"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    chromium poppler-utils >/dev/null; }

# Ruff, mypy (every function of magroute/ typed) and the import contracts of STYLE.md's layers
# ([tool.importlinter] in pyproject.toml).
lint: $(STAMP)
	$(VENV)/bin/ruff check magroute tests data/make_data.py data/build_pincodes.py benchmarks/
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# One benchmark set against the peers at equal wall-clock; rewrites docs/benchmarks.md.
# make bench SET=gh1000 LIMIT=60   (SET: solomon | gh1000 | pcvrptw | hfvrp | mtvrptwr)
SET   ?= solomon
LIMIT ?= 10
bench: $(STAMP)
	$(PY) benchmarks/run.py $(SET) --time-limit $(LIMIT)

# Regenerate the bundled synthetic India data (deterministic for a given seed).
data: $(STAMP)
	$(PY) data/make_data.py

# Rebuild data/geo/india_pincodes.csv from ../shared/geo, leaving out post offices far outside
# their district (data/README.md, "How the PIN centroids are built"); then `make data`.
pincodes: $(STAMP)
	$(PY) data/build_pincodes.py

clean:
	rm -rf $(VENV) runs .pytest_cache
