# The commands of the README:
#   make run    set up and start the kiosk on the embedded SQLite database with example data
#   make test   set up everything the tests need and run them
#   make network-load   the network's load run at full size (several minutes)
VENV := .venv
PY := $(VENV)/bin/python
KIOSK_ARGS ?= --windowed

.PHONY: run test lint translations extract bench network-load clean

run:
	@scripts/bootstrap.sh run
	@$(VENV)/bin/kiosk demo --if-empty
	@$(VENV)/bin/kiosk $(KIOSK_ARGS)

test:
	@scripts/bootstrap.sh test
	@$(VENV)/bin/ruff check kiosk tests scripts bench
	@$(VENV)/bin/ruff format --check kiosk tests scripts bench
	@$(VENV)/bin/mypy
	@$(PY) -m pytest -n auto

lint:
	@$(VENV)/bin/ruff check kiosk tests scripts bench
	@$(VENV)/bin/ruff format --check kiosk tests scripts bench
	@$(VENV)/bin/mypy

# Extract every message into translations/kiosk.pot and merge it into each catalog.
extract:
	$(VENV)/bin/pybabel extract -F translations/babel.cfg -o translations/kiosk.pot \
	  --project="Quiosco CENESO" --no-wrap --sort-by-file kiosk
	$(VENV)/bin/pybabel update -i translations/kiosk.pot -d translations -D kiosk --no-wrap

# Measure and print the kiosk's speed and memory figures (never fails on a slow machine).
bench:
	@scripts/bootstrap.sh bench
	@$(PY) -m bench

# The network's load run at full size: 10 centres × 8 kiosks (a process each) on one PostgreSQL
# server, 100 000 members and a year of activity; KIOSK_DATABASE_URL (an empty database) or a
# throwaway cluster. Takes several minutes; `make test` runs a smaller size.
network-load:
	@scripts/bootstrap.sh bench
	@$(PY) -m bench.network --centres 10 --kiosks 8 --members 100000 --days 365

translations:
	$(VENV)/bin/pybabel compile -d translations -D kiosk

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
