# piiscan — every target installs what it needs into .venv first, so a fresh clone
# needs nothing but Python 3.11+, make and (on Debian) apt-get for libmagic.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
OUT ?= findings.csv
JOBS ?=

.PHONY: install sysdeps browser scan test lint eval bench corpus clean

install: $(STAMP)

# libmagic is the one native library python-magic needs; install it when missing.
sysdeps:
	@if ! ldconfig -p 2>/dev/null | grep -q 'libmagic\.so\.1'; then \
		echo "libmagic not found: installing libmagic1 with apt-get"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libmagic1; \
	fi

# Debian's chromium renders the HTML report in tests (tests/reports/test_html_browser.py,
# python -m tools.check_html); a Japanese font makes its screenshots show text, not boxes.
browser:
	@if ! command -v chromium >/dev/null 2>&1; then \
		echo "chromium not found: installing chromium with apt-get"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; \
	fi
	@if ! fc-list :lang=ja 2>/dev/null | grep -q .; then \
		echo "no Japanese font found: installing fonts-noto-cjk with apt-get"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq fonts-noto-cjk; \
	fi

$(STAMP): pyproject.toml | sysdeps
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

scan: install
	$(VENV)/bin/piiscan scan sample_corpus --out $(OUT) $(if $(JOBS),--jobs $(JOBS))

test: install browser
	$(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

eval: install
	$(PY) -m tools.evaluate

bench: install
	$(PY) -m tools.bench

# Regenerates sample_corpus/ (needs LibreOffice only for the legacy .doc/.xls/.ppt files).
corpus: install
	$(PY) -m tools.make_corpus

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache findings.csv
