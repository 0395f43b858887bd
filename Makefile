# One command per job. `make help` lists them.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
HOST   ?= 127.0.0.1:8000
RUNS   ?= 3  # Lighthouse runs per page (make lighthouse): the median performance score is kept
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.DEFAULT_GOAL := help
.PHONY: help install serve build preview check readability lint test lighthouse new-drill schema screenshots contact-sheet bench lock clean

help: ## Show this list
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.site-installed: pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -c requirements.lock -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.site-installed
	$(PIP) install --quiet -c requirements.lock -e '.[test]'
	touch $@

# Lighthouse (page-speed checks) from npm, at the versions in package-lock.json.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

install: $(VENV)/.site-installed ## Create .venv and install the pinned dependencies

serve: install ## Preview the site at http://127.0.0.1:8000 (reloads on content edits)
	$(PY) -m mkdocs serve --strict -a $(HOST)

build: check ## Strict build into site/ (stops on any content or link problem)
	rm -rf site.partial
	$(PY) -m mkdocs build --strict --clean -d site.partial
	rm -rf site && mv site.partial site  # a failed build never replaces the last good site

preview: check ## Build a copy that opens from a folder, without a server, into preview/ (what CI uploads)
	rm -rf preview.partial
	$(PY) -m mkdocs build --strict --clean --no-directory-urls -d preview.partial  # links end in .html
	rm -rf preview && mv preview.partial preview  # a failed build never leaves a half-built preview/

check: install ## Validate the content only: every problem with file, line and fix
	$(PY) -m content_model check

readability: install ## Reading level and clarity of every patient text, worst first (make check runs the same checks)
	$(PY) -m content_model readability

lint: $(VENV)/.test-installed ## Check the Python code with ruff: its rules and its formatting (settings in pyproject.toml)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: $(VENV)/.test-installed node_modules/.package-lock.json ## Install what the tests need, check the code with ruff, run the whole suite
	@scripts/require-chromium
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest

lighthouse: build $(VENV)/.test-installed node_modules/.package-lock.json ## Page speed: Lighthouse scores and weight of the key pages (mobile), median of RUNS=3 runs per page
	@scripts/require-chromium
	$(PY) scripts/lighthouse.py site --runs $(RUNS)

new-drill: install ## Add a new drill to data/drills.yml (its page is generated): make new-drill ID=my-drill
	@test -n "$(ID)" || { echo "Give the drill's id: make new-drill ID=my-drill"; exit 2; }
	$(PY) -m content_model new-drill "$(ID)"

schema: install ## Regenerate the JSON Schemas editors use (schemas/), after changing content_model/models.py
	$(PY) -m content_model schema

screenshots: $(VENV)/.test-installed ## Retake the README's screenshots (assets/readme/)
	$(PY) -m mkdocs build --strict -d .cache/screenshot-site
	$(PY) scripts/screenshot.py .cache/screenshot-site assets/readme

contact-sheet: $(VENV)/.test-installed ## Redraw the README's sheet of every drill's pictures (assets/readme/drill-figures.png); FIGURES=DIR also writes each alone at 120 px and 3 cm
	@scripts/require-chromium
	$(PY) scripts/contact_sheet.py $(if $(FIGURES),--singles $(FIGURES))

bench: $(VENV)/.test-installed ## Benchmark build speed against plain Material (N = 6, 60, 600) and the edit loop
	$(PY) scripts/bench.py --sizes 6 60 600 --runs 3

lock: ## Re-resolve dependencies and rewrite requirements.lock
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -e '.[test]'
	.lock-venv/bin/pip freeze --exclude-editable | grep -v '^clinic-patient-education' > requirements.lock
	rm -rf .lock-venv

clean: ## Remove the built site and caches
	rm -rf site site.partial preview preview.partial .pytest_cache .cache
