# Two commands set everything up from a fresh clone (only Python 3.11+ assumed):
#   make serve   build the site and serve it on http://127.0.0.1:8000 with live reload
#   make test    run the whole suite, including a strict build of the site
#   make test-browser   the site in real Chromium at 390, 1400 and 1920 px (needs `apt-get install chromium`)
# Both create or update .venv (Python packages, Node.js from a wheel) and node_modules (KaTeX).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: serve test test-browser site bench translator clean

serve: $(VENV)/.installed node_modules/.installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

test: $(VENV)/.installed node_modules/.installed
	$(BIN)/python -m pytest --numprocesses=auto --dist=loadfile

site: $(VENV)/.installed node_modules/.installed
	$(BIN)/mkdocs build --strict

CHROMIUM ?= /usr/lib/chromium/chromium
export CHROMIUM

# Every page in Chromium at three widths and in dark mode, search, copy buttons; and every
# block's copied code run on its own. Playwright drives the system's Chromium.
test-browser: $(VENV)/.browser-installed site
	@test -x "$(CHROMIUM)" || { echo "Chromium not found at $(CHROMIUM): install it with"; \
		echo "  sudo apt-get install -y chromium   (or set CHROMIUM=/path/to/chromium)"; exit 1; }
	$(BIN)/python -m pytest -o addopts="-p no:cacheprovider --import-mode=importlib" tests/browser

$(VENV)/.browser-installed: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --editable '.[docs,test,browser]'
	@touch $@

# PyTorch is installed for the benchmark only, never for `make test`.
bench: $(VENV)/.installed
	@$(BIN)/python -c 'import torch, threadpoolctl' 2>/dev/null || $(BIN)/python -m pip install --quiet --editable '.[bench]'
	$(BIN)/python benchmarks/run.py $(CASES)

# The date translator's committed weights (Course 5, week 3): retrained only when its script or
# modules change; a few minutes on one core. The script writes weights.npz and training.txt.
translator: examples/date_translator/weights.npz

examples/date_translator/weights.npz: examples/date_translator/train.py dlref/date_data.py dlref/date_translator.py | $(VENV)/.installed
	$(BIN)/python examples/date_translator/train.py

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "dlref needs Python 3.11 or newer; set PYTHON=/path/to/python3.11"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[docs,test]'
	@touch $@

node_modules/.installed: package.json package-lock.json $(VENV)/.installed
	$(BIN)/npm ci --no-audit --no-fund --loglevel=error
	@touch $@

clean:
	rm -rf site .venv node_modules
