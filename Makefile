# DEFFINOV Tiers-lieux — commandes du projet. `make serve` et `make test` installent ce qu'il faut.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test system-tools benchmark lock

# Environnement Python : chaque paquet du verrou requirements.txt, à sa version et vérifié par ses
# empreintes (--require-hashes), puis le projet lui-même. Refait à neuf quand le verrou ou
# pyproject.toml change, pour que .venv/ ne garde rien qui ne soit dans le verrou.
$(INSTALLED): requirements.txt pyproject.toml
	$(PYTHON) -m venv --clear $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(INSTALLED)

# Le verrou : refait par uv (version fixée ici) depuis pyproject.toml, pour Python 3.11 sous Linux
# x86_64 (Debian 12, la machine de la CI). Les versions déjà verrouillées sont gardées ; pour tout
# mettre à jour : make lock ARGS=--upgrade (un paquet : ARGS="--upgrade-package NOM").
UV_VERSION := 0.13.9
LOCK_TOOL := .venv-uv
lock:
	$(PYTHON) -m venv $(LOCK_TOOL)
	$(LOCK_TOOL)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(LOCK_TOOL)/bin/uv pip compile --quiet --generate-hashes --python-version 3.11 \
	  --python-platform x86_64-unknown-linux-gnu --extra test --group build \
	  --output-file requirements.txt $(ARGS) pyproject.toml

# L'éditeur en ligne (Decap CMS, que `make build` copie dans /admin/, et son serveur local
# decap-server) et les outils de test JavaScript (axe-core, vnu, pa11y-ci, Lighthouse), versions
# fixées par package-lock.json. Le script du site, en modules ES ("type": "module" dans package.json), n'en a
# besoin d'aucun. Aucun navigateur téléchargé (PUPPETEER_SKIP_DOWNLOAD, .puppeteerrc.cjs) : les
# tests utilisent le Chromium de Debian.
node_modules/.installed: package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	touch node_modules/.installed

serve: $(INSTALLED) node_modules/.installed
	$(BIN)/mkdocs serve

build: $(INSTALLED) node_modules/.installed
	$(BIN)/mkdocs build

check: $(INSTALLED)
	$(BIN)/deffinov check $(ARGS)

# Outils système des tests, depuis les paquets Debian : Chromium (les navigateurs téléchargés par
# les outils de test ne fonctionnent pas ici), Java (pour le validateur HTML) et nginx (les tests
# démarrent leur propre nginx, avec le bloc du README, sur un port libre de 127.0.0.1).
DEBIAN_TOOLS := chromium:chromium java:default-jre-headless /usr/sbin/nginx:nginx
system-tools:
	@missing=""; for pair in $(DEBIAN_TOOLS); do \
	  command -v $${pair%%:*} >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "Installez :$$missing (sudo apt-get install$$missing)" >&2; exit 1; fi; fi

# Les modules du script du site d'abord (quelques secondes, sous le lanceur de tests de Node),
# puis toute la suite Python.
test: $(INSTALLED) node_modules/.installed system-tools
	$(BIN)/deffinov check
	node --test --test-reporter=spec tests/js/
	$(BIN)/python -m pytest

# Banc d'essai du ticket 8 : corpus synthétique (20 000 ressources par défaut) puis durées, mémoire
# et poids des pages. Plus petit : make benchmark ARGS="--resources 2000 --providers 200 --calls 50"
benchmark: $(INSTALLED) system-tools
	$(BIN)/python scripts/benchmark.py $(ARGS)
