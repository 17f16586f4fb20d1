# yusuan — two commands: `make demo` and `make test`.  Each bootstraps what it needs.
# `make demo` builds the example, batch-checks the repository's sample documents into $(DEMO_STORE) and serves
# it on 127.0.0.1 (Ctrl-C stops); `make demo SERVE=0` stops before serving.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SERVE ?= 1
DEMO_STORE := out/demo/yusuan.duckdb
DEB_PACKAGES := fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 chromium poppler-utils

.PHONY: setup demo test lint bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
	@test -x $(PY) || python3 -m venv $(VENV)
	@$(PY) -m pip install -q --upgrade pip 2>&1 | grep -v 'is ignored: it is neither' || true
	@$(PY) -m pip install -q -e '.[dev]' 2> >(grep -v 'is ignored: it is neither' >&2)
	@$(PY) -m compileall -q src/yusuan >/dev/null  # bytecode, as pip writes it for an installed package
	@touch $(STAMP)

demo: setup
	@$(VENV)/bin/yusuan demo --store $(DEMO_STORE) $(if $(filter 0,$(SERVE)),,--serve)

test: setup
	@$(VENV)/bin/ruff check src tests bench
	@$(VENV)/bin/mypy
	@$(PY) -m pytest

lint: setup
	@$(VENV)/bin/ruff check src tests bench
	@$(VENV)/bin/ruff format --check src tests bench
	@$(VENV)/bin/mypy

bench: setup
	@$(PY) bench/run.py

clean:
	rm -rf out build dist .pytest_cache .mypy_cache .ruff_cache
