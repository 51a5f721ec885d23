# Steward: `make run` serves the example district, `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STORE ?= .steward
# The official DCAT-US 1.1 JSON Schema ships in this wheel; the tests read it (its own
# dependencies are CKAN's, not ours: hence --no-deps).
DATAJSON := ckanext-datajson==0.1.29
# The tests use the Neo4j server that `make test` starts: the same port unless told otherwise.
export STEWARD_NEO4J_PORT ?= 7687
export STEWARD_TEST_NEO4J_URI ?= bolt://127.0.0.1:$(STEWARD_NEO4J_PORT)
# The peer of the benchmark suite, in a virtualenv of its own (it pins the neo4j driver 4.4).
PEER_VENV := bench/.venv-amundsen
PEER_STAMP := $(PEER_VENV)/.installed-amundsen-metadata-3.13.0
# Reinstall when the Python or the npm dependencies change.
STAMP := $(VENV)/.installed-$(shell echo '$(DATAJSON)' | cat pyproject.toml ui/package-lock.json - | cksum | cut -d' ' -f1)

# The web UI, built into ui/dist when its sources (or the schema its types come from) change.
UI_SOURCES := $(shell find ui/src -type f) ui/index.html ui/package.json ui/vite.config.ts ui/tsconfig.json \
	ui/codegen.yml api/schema.graphql
UI_BUILD := ui/dist/index.html

.PHONY: run ui test fuzz soak bench system lint typecheck pytest neo4j neo4j-stop clean help

help:
	@echo "make run         load the example district into $(STORE) and serve it"
	@echo "make ui          build the web UI into ui/dist (make run and make test do, when its sources change)"
	@echo "make test        lint, type-check and run every test"
	@echo "make fuzz        the property-based tests, with fresh random examples"
	@echo "make soak        the reliability tests at full length (about 15 min): kills, outages, load"
	@echo "make bench       the benchmark suite (about 30 min): bench/results/latest.json, docs/benchmarks.md"
	@echo "make system      install the Debian packages the tests need (Chromium, Firefox), if missing"
	@echo "make neo4j       start the local Neo4j server (tools/neo4j) and wait for Bolt"
	@echo "make neo4j-stop  stop it"

$(STAMP):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps '$(DATAJSON)'
	cd ui && npm ci --no-audit --no-fund
	rm -f $(VENV)/.installed-* && touch $@

$(PEER_STAMP):
	$(PYTHON) -m venv --clear $(PEER_VENV)
	$(PEER_VENV)/bin/pip install --quiet --disable-pip-version-check 'amundsen-metadata==3.13.0'
	touch $@

$(UI_BUILD): $(STAMP) $(UI_SOURCES)
	cd ui && npm run build
	touch $@

ui: $(UI_BUILD)

run: $(STAMP) $(UI_BUILD)
	$(BIN)/steward --store $(STORE) load seeds/
	$(BIN)/steward --store $(STORE) serve

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

# The Debian packages the tests need (Chromium, Firefox): installed when missing, through sudo
# when not root; a quick check of a few files when they are there.
system:
	bash tools/setup-system.sh

# The store tests run on both backends and fail (never skip) without a server: start
# one for the run, and stop it after, unless it was already running.
pytest: system $(STAMP) $(PEER_STAMP) $(UI_BUILD)
	bash tools/with-neo4j.sh $(BIN)/pytest

test: system lint typecheck pytest

# The property-based tests with fresh random examples, ten times as many (not part of
# `make test`, which draws the same examples every run).
fuzz: system $(STAMP)
	STEWARD_FUZZ=1 bash tools/with-neo4j.sh $(BIN)/pytest tests/test_api_fuzz.py tests/test_hostile_catalogs.py tests/test_hostile_strings.py

# The reliability tests (marked `reliability`) at full length: more kills, longer load.
soak: system $(STAMP) $(UI_BUILD)
	STEWARD_SOAK=1 bash tools/with-neo4j.sh $(BIN)/pytest -m reliability

# The benchmark suite starts and stops a Neo4j server of its own, on a free port, and
# writes bench/results/latest.json and the tables of docs/benchmarks.md. BENCH passes
# options: make bench BENCH="--quick" (python -m bench --help lists them).
bench: $(STAMP) $(PEER_STAMP)
	$(BIN)/python -m bench $(BENCH)

neo4j:
	bash tools/neo4j/neo4j.sh start

neo4j-stop:
	bash tools/neo4j/neo4j.sh stop

clean:
	rm -rf $(STORE) ui/dist .mypy_cache .ruff_cache .pytest_cache
