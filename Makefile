# salestrain — every target does its own set-up on a fresh machine.
#   make lab        open the course in JupyterLab (trainees)
#   make lab-zh     the Chinese course (中文版) in JupyterLab with Chinese menus
#   make book       build the course site, English and Chinese, into book/_build/html (trainee edition)
#   make book-instructor   the same site with the solutions shown
#   make check      the quick loop (under a minute): ruff, unit and widget tests; no browser,
#                   site build, class hub or notebook kernel
#   make test       everything CI checks: ruff, unit and widget tests, nbval, book build, browser,
#                   class hub (its report kept for `make bench` in $(TEST_REPORT))
#   make notebooks  write the Chinese notebooks from their translations, then re-execute every
#                   notebook (both languages) in a fresh kernel and store its outputs
#   make bench      print the benchmark table, with the last `make test`'s seconds per marker
#   make hub ROSTER=roster.csv   (root) a class hub on this machine: one JupyterLab per trainee
#   make bench-hub TRAINEES=30   (root) load test of a class hub on loopback

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
LAB_ARGS ?=
# Outside the working tree: the last `make test`'s report (JUnit XML) of this checkout, read by
# `make bench` and by the next run, which starts its longest test files first.
CACHE       ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/salestrain
TEST_REPORT ?= $(CACHE)/test-report-$(shell printf %s "$(CURDIR)" | cksum | cut -d" " -f1).xml
# Test workers: the suite mostly waits (browsers, servers, kernels), so more than the 2 cores.
WORKERS     ?= 4
# What `make check` leaves to `make test`.
CHECK_MARKERS := not (book or browser or hub or lab or kernel or nbval)

.PHONY: lab lab-zh book book-instructor book-pages check test lint notebooks bench bench-hub hub browser-deps hub-deps clean

# The virtual environment: created when missing, reinstalled only when pyproject.toml changes.
# uv (from PyPI) installs the packages in seconds where pip takes about a minute; pip is the
# fallback when uv cannot be had.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check uv \
	  && $(VENV)/bin/uv pip install --quiet --compile-bytecode --python=$(PY) -e '.[test]' \
	  || $(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

lab: $(STAMP)
	cd notebooks && ../$(VENV)/bin/jupyter lab 00_course_overview.ipynb \
	  $$( [ "$$(id -u)" = 0 ] && echo --allow-root ) $(LAB_ARGS)

# JupyterLab's own menus in Chinese: a settings folder whose language plugin says zh_CN.
LAB_ZH_SETTINGS := .lab-settings/zh
lab-zh: $(STAMP)
	@mkdir -p $(LAB_ZH_SETTINGS)/@jupyterlab/translation-extension
	@test -f $(LAB_ZH_SETTINGS)/@jupyterlab/translation-extension/plugin.jupyterlab-settings || \
	  echo '{"locale": "zh_CN"}' > $(LAB_ZH_SETTINGS)/@jupyterlab/translation-extension/plugin.jupyterlab-settings
	cd notebooks/zh && JUPYTERLAB_SETTINGS_DIR=$(CURDIR)/$(LAB_ZH_SETTINGS) \
	  ../../$(VENV)/bin/jupyter lab 00_course_overview.ipynb \
	  $$( [ "$$(id -u)" = 0 ] && echo --allow-root ) $(LAB_ARGS)

book-pages: $(STAMP)
	$(PY) -m salestrain.commands.bookgen --root "$(CURDIR)"

# English at book/_build/html, Chinese at book/_build/html/zh (both built at once).
book: book-pages
	$(PY) -m salestrain.commands.editions trainee --root "$(CURDIR)"

# The same site with every exercise's solution shown, into book/_build/instructor/_build/html.
book-instructor: book-pages
	$(PY) -m salestrain.commands.editions instructor --root "$(CURDIR)"

notebooks: $(STAMP)
	$(PY) -m salestrain.commands.translate build --root "$(CURDIR)"
	MPLCONFIGDIR=$$(mktemp -d) $(PY) -m salestrain.commands.execute \
	  notebooks/[0-9]*.ipynb notebooks/zh/[0-9]*.ipynb

lint: $(STAMP)
	$(VENV)/bin/ruff check salestrain tests benchmarks

# Debian's Chromium and a CJK font for the browser tests and charts (installed as root).
browser-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk"; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; \
	  else \
	    echo "Chromium or a CJK font is missing: run 'sudo apt-get install -y chromium fonts-wqy-microhei'"; \
	    exit 1; \
	  fi; \
	fi

check: $(STAMP) lint
	MPLCONFIGDIR=$$(mktemp -d) $(PY) -m pytest -q -n 2 -m "$(CHECK_MARKERS)" tests

# One worker per file (a notebook's cells and a module's JupyterLab or hub stay together),
# the files in the order conftest.py gives them (longest first).
test: $(STAMP) browser-deps hub-deps lint
	$(PY) -m salestrain.commands.bookgen --check --root "$(CURDIR)"
	@mkdir -p $(dir $(TEST_REPORT))
	MPLCONFIGDIR=$$(mktemp -d) SALESTRAIN_TEST_REPORT=$(TEST_REPORT) $(PY) -m pytest -ra \
	  -n $(WORKERS) --dist loadfile --no-loadscope-reorder --junitxml=$(TEST_REPORT)

bench: $(STAMP)
	SALESTRAIN_TEST_REPORT=$(TEST_REPORT) $(PY) benchmarks/run.py

# Node.js and npm for the hub's proxy (configurable-http-proxy comes from the npm registry).
hub-deps:
	@if ! command -v npm >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null; \
	  else \
	    echo "Node.js and npm are missing: run 'sudo apt-get install -y nodejs npm'"; exit 1; \
	  fi; \
	fi

# A class hub (run as root): accounts from the roster, the course in every home.
# Example roster: deploy/roster.example.csv. More options: .venv/bin/salestrain hub --help
ROSTER   ?= roster.csv
HUB_ARGS ?=
hub: $(STAMP) hub-deps
	$(PY) -m salestrain.commands.cli hub --roster $(ROSTER) $(HUB_ARGS)

TRAINEES ?= 30
bench-hub: $(STAMP) hub-deps
	$(PY) benchmarks/hub_load.py --trainees $(TRAINEES)

clean:
	rm -rf book/_build .pytest_cache
