# Two commands do all the set-up on a fresh machine: `make serve` and `make test`.
# Both create .venv and install the pinned dependencies on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve build publish test validate bench lock clean

$(STAMP): requirements.txt constraints.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

serve: $(STAMP)  ## build and serve the site on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)  ## local build into site/ (example records shown with a badge)
	$(BIN)/mkdocs build --strict

publish: $(STAMP)  ## the build CI deploys: example records left out
	AKMN_PUBLISH=1 $(BIN)/mkdocs build --strict

validate: $(STAMP)
	$(BIN)/akmn validate

test: $(STAMP)  ## every test: validator, site build, browser
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

lock: $(STAMP)  ## re-pin every installed package after changing requirements.txt
	(echo "# Every package of the environment, pinned (pip install -c). Regenerate: make lock"; \
	 $(BIN)/pip freeze --exclude-editable) > constraints.txt

clean:
	rm -rf site .pytest_cache
