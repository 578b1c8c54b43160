# dyads: two commands for a newcomer.
#   make demo   create .venv, install dyads, code the bundled sample articles, serve the dashboard
#   make test   create .venv, install dyads with its dev tools, lint, run the whole test suite
# For developers: make eval  regenerates docs/EVALUATION.md from the gold sets in ../shared/dev
#                 make bench regenerates docs/PERFORMANCE.md (AllSides texts in ../shared, ~10 min)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test eval chromium

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "dyads needs Python >= 3.11; set PYTHON=python3.11 (or newer)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@rm -f $(VENV)/.installed-*
	@touch $@

demo: $(STAMP)
	$(BIN)/dyads demo

# Browser tests drive Debian's chromium (Playwright with executable_path; no browser download).
CHROMIUM := $(shell command -v chromium || command -v chromium-browser)

chromium:
ifeq ($(CHROMIUM),)
	@echo "installing Debian's chromium for the browser tests"
	apt-get install -y -qq chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)
endif

test: $(STAMP) chromium
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/python -m dyads.evaluate.report --shared ../shared --out docs/EVALUATION.md

# Retrain the fallback event classifier (synthetic templates -> events/data/fallback_model.*)
.PHONY: train
train: $(STAMP)
	$(BIN)/dyads train

# Speed (benchmarks/speed.py) and API latency over 1M synthetic events (benchmarks/api_dyad.py);
# the second speed.py call folds the API results into docs/PERFORMANCE.md.
.PHONY: bench
bench: $(STAMP)
	$(BIN)/python benchmarks/speed.py --articles 200 --repeats 5 --load-sizes 1000,10000
	$(BIN)/python benchmarks/api_dyad.py --repeats 10
	$(BIN)/python benchmarks/prefilter.py --articles 200
	$(BIN)/python benchmarks/speed.py --report-only
