# DEFFINOV Tiers-lieux — commandes du projet. `make serve` et `make test` installent ce qu'il faut.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test chromium

# Environnement Python : dépendances épinglées dans pyproject.toml, réinstallées s'il change.
$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(INSTALLED)

# Outils de test JavaScript (axe-core), versions fixées par package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch node_modules/.installed

serve: $(INSTALLED)
	$(BIN)/mkdocs serve

build: $(INSTALLED)
	$(BIN)/mkdocs build

check: $(INSTALLED)
	$(BIN)/deffinov check

# Chromium vient du paquet Debian `chromium` (les navigateurs téléchargés par les outils de test ne
# fonctionnent pas ici).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Installez Chromium : sudo apt-get install chromium" >&2; exit 1; fi; }

test: $(INSTALLED) node_modules/.installed chromium
	$(BIN)/deffinov check
	$(BIN)/python -m pytest
