# DEFFINOV Tiers-lieux — commandes du projet. `make serve` et `make test` installent ce qu'il faut.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test system-tools benchmark

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
	$(BIN)/deffinov check $(ARGS)

# Outils système des tests, depuis les paquets Debian : Chromium (les navigateurs téléchargés par
# les outils de test ne fonctionnent pas ici) et Java (pour le validateur HTML).
DEBIAN_TOOLS := chromium:chromium java:default-jre-headless
system-tools:
	@missing=""; for pair in $(DEBIAN_TOOLS); do \
	  command -v $${pair%%:*} >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "Installez :$$missing (sudo apt-get install$$missing)" >&2; exit 1; fi; fi

test: $(INSTALLED) node_modules/.installed system-tools
	$(BIN)/deffinov check
	$(BIN)/python -m pytest

# Banc d'essai du ticket 8 : corpus synthétique (20 000 ressources par défaut) puis durées, mémoire
# et poids des pages. Plus petit : make benchmark ARGS="--resources 2000 --providers 200 --calls 50"
benchmark: $(INSTALLED) system-tools
	$(BIN)/python scripts/benchmark.py $(ARGS)
