# Two commands do all the set-up on a fresh machine: `make serve` and `make test`.
# Both create .venv and install the pinned dependencies on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: setup serve build build-zensical serve-zensical publish test validate bench lock clean docs browser-deps screenshots review messages

$(STAMP): requirements.txt constraints.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# The web editor's script for /admin/ (Sveltia CMS) and the browser-test tools, pinned by package-lock.json.
# On a fresh Debian machine without Node.js, apt installs it (as root).
$(NODE_STAMP): package.json package-lock.json
	command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq nodejs npm; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

setup: $(STAMP) $(NODE_STAMP)  ## install everything (.venv and node_modules); CI runs this

serve: $(STAMP) $(NODE_STAMP)  ## build and serve the site on http://127.0.0.1:8000; a save re-renders only the pages it changes (search keeps the first build's index)
	AKMN_LANGS=en $(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: $(STAMP) $(NODE_STAMP)  ## local build into site/, Korean edition in site/ko/ (AKMN_LANGS=en: English only; example records shown with a badge)
	$(BIN)/mkdocs build --strict

# The same site built with Zensical, Material's successor, into site-zensical/ and the Korean
# edition into site-zensical/ko/ (README, "Zensical"). Zensical runs no hooks: for each edition
# `akmn pages` writes the generated pages beside a copy of docs/ (after validating, as the hooks
# do), a copy of overrides/ with the edition's `_("...")` strings put in (its template engine has
# no gettext) and the edition's configuration resolved as MkDocs reads it (.zensical.<lang>.yml:
# Zensical's INHERIT would repeat the nav, and it wants the site folder under the config's);
# `akmn postbuild` adds open data, the editor and Pagefind. English is indexed before ko/ exists,
# so its search holds English pages only.
# akmn with the site folder Zensical builds into (mkdocs.yml reads AKMN_SITE_DIR)
AKMN_Z := AKMN_SITE_DIR=site-zensical $(BIN)/akmn
build-zensical: $(STAMP) $(NODE_STAMP)  ## the same site built with Zensical into site-zensical/ (Korean in site-zensical/ko/)
	rm -rf site-zensical
	$(AKMN_Z) pages --out .zensical/en/docs --templates .zensical/en/overrides --write-config .zensical.en.yml
	$(BIN)/zensical build --clean --strict -f .zensical.en.yml
	$(AKMN_Z) postbuild site-zensical
	$(AKMN_Z) pages --config mkdocs.ko.yml --out .zensical/ko/docs --templates .zensical/ko/overrides --write-config .zensical.ko.yml
	$(BIN)/zensical build --clean --strict -f .zensical.ko.yml
	$(AKMN_Z) postbuild site-zensical/ko --config mkdocs.ko.yml

# Live preview with Zensical (English): `akmn pages --watch` writes the pages again on every
# change to content/, docs/ or overrides/, and `zensical serve` shows them.
serve-zensical: $(STAMP) $(NODE_STAMP)  ## the English site with Zensical on http://127.0.0.1:8001, regenerated on every change
	AKMN_LANGS=en $(AKMN_Z) pages --out .zensical/en/docs --templates .zensical/en/overrides --write-config .zensical.en.yml
	AKMN_LANGS=en $(AKMN_Z) pages --out .zensical/en/docs --templates .zensical/en/overrides --watch & \
	  trap "kill $$!" EXIT; $(BIN)/zensical serve -f .zensical.en.yml --dev-addr 127.0.0.1:8001

publish: $(STAMP) $(NODE_STAMP)  ## the build CI deploys: example records left out
	AKMN_PUBLISH=1 $(BIN)/mkdocs build --strict

validate: $(STAMP)
	$(BIN)/akmn validate

test: browser-deps $(STAMP) $(NODE_STAMP)  ## every test: validator, site build, browser
	$(BIN)/python -m pytest

# chromium (Debian's; Playwright's download is not used), Java for the Nu HTML Checker, and
# Thai/Korean fonts: installed with apt when missing and running as root.
browser-deps:
	sh scripts/ensure-browser.sh

screenshots: browser-deps $(STAMP) $(NODE_STAMP)  ## desktop and phone screenshots of every page type into screenshots/
	$(BIN)/python -m pytest -q -m browser tests/test_browser.py -k "page_loads_cleanly or phone_has_no_horizontal"

# The monthly review (.github/workflows/review.yml) on this machine: `akmn review` of what the
# published site shows, plus every external source URL checked with lychee (needs the internet).
review: $(STAMP)  ## content review and link check into review-report.md
	PATH="$(CURDIR)/$(BIN):$$PATH" AKMN_PUBLISH=1 scripts/review-report.sh . review-report.md

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

lock: $(STAMP)  ## re-pin every installed package after changing requirements.txt
	(echo "# Every package of the environment, pinned (pip install -c). Regenerate: make lock"; \
	 $(BIN)/pip freeze --exclude-editable) > constraints.txt

docs: $(STAMP)  ## rewrite the field reference in CONTRIBUTING.md and the join-as-expert issue form
	$(BIN)/python -m akmn.docs

messages: $(STAMP)  ## refresh locale/messages.pot and each language's messages.po from the code (translate the new entries)
	$(BIN)/python scripts/messages.py

clean:
	rm -rf site site-zensical .zensical .zensical.*.yml .cache .pytest_cache
