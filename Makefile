# The two commands of the README:
#   make serve   set up, build the site and both booklets, serve at http://127.0.0.1:8000
#   make test    set up and run the whole test suite
# Both create .venv and install the pinned requirements into it.

VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build preview test bench lock clean

serve: build
	@echo "Serving site/ at http://127.0.0.1:$(PORT)/  (Ctrl+C to stop)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory site

# The site and both booklet PDFs, into site/ (what you publish).
build: $(VENV)/.build-installed
	$(BIN)/mkdocs build --strict

# Live preview while you edit pages; skips the booklet to stay fast.
preview: $(VENV)/.build-installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

test: $(VENV)/.test-installed
	$(BIN)/python -m pytest

$(VENV)/.build-installed: requirements.txt
	scripts/system-deps.sh build
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements.txt requirements-dev.txt tests/browser/axe/package-lock.json
	scripts/system-deps.sh test
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	cd tests/browser/axe && npm ci --no-audit --no-fund --loglevel=error
	touch $@ $(VENV)/.build-installed

# Speed and size next to a plain mkdocs-material site, against the budgets
# (README, "Benchmark and budgets"). BENCH_FLAGS=--fast: the short run CI does.
# Lighthouse comes from bench/package-lock.json; without it the table says why.
bench: $(VENV)/.test-installed
	@test bench/node_modules/.package-lock.json -nt bench/package-lock.json || \
	  (cd bench && npm ci --no-audit --no-fund --loglevel=error) || \
	  echo "bench: npm ci failed in bench/: Lighthouse will be reported as not run"
	$(BIN)/python bench/run.py $(BENCH_FLAGS)

# Re-pin every package (run after changing a version on purpose).
lock:
	rm -rf /tmp/hsp-lock && python3 -m venv /tmp/hsp-lock
	/tmp/hsp-lock/bin/pip install --quiet mkdocs mkdocs-material mkdocs-macros-plugin mkdocs-with-pdf weasyprint rjsmin rcssmin
	@echo "Compare with requirements.txt:" && /tmp/hsp-lock/bin/pip freeze

clean:
	rm -rf site $(VENV)
