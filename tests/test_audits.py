"""The audit tools a reviewer would run, on every page kind of the built site (tests/page_kinds.json):
pa11y-ci with both its runners (HTML_CodeSniffer and axe-core) and its committed configuration
(.pa11yci.cjs), in Debian's Chromium; and that scripts/lighthouse.py measures a page."""

from __future__ import annotations

import json
import sys
import os
import subprocess

from browser import serve
from helpers import REPO

PAGE_KINDS = json.loads((REPO / "tests/page_kinds.json").read_text(encoding="utf-8"))
PA11Y_CI = REPO / "node_modules/pa11y-ci/bin/pa11y-ci.js"


def test_every_page_kind_is_a_page_of_the_site(built_site):
    for kind, path in PAGE_KINDS.items():
        page = built_site / (path + "index.html" if path.endswith("/") or not path else path)
        assert page.is_file(), kind


def test_pa11y_ci_finds_no_error_on_any_page_kind(built_site):
    environment = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    with serve(built_site) as url:
        result = subprocess.run(
            ["node", str(PA11Y_CI), "--config", ".pa11yci.cjs", "--json"], cwd=REPO, capture_output=True, text=True,
            env={**environment, "PA11Y_BASE_URL": url}, timeout=900,
        )
    assert result.stdout.strip(), result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    errors = [
        f"{address.removeprefix(url) or '/'} [{issue['runner']}] {issue['code']} {issue['selector']}: {issue['message']}"
        for address, issues in report["results"].items() for issue in issues if issue["type"] == "error"
    ]
    assert errors == []
    assert report["total"] == report["passes"] == len(PAGE_KINDS), result.stdout
    assert result.returncode == 0, result.stderr


def test_the_lighthouse_script_measures_a_page(built_site):
    # The whole set is a quarter of an hour (README): here one page, one preset.
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/lighthouse.py"), "--site", str(built_site), "--pages", "appel",
         "--presets", "desktop"], capture_output=True, text=True, timeout=300,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("appel "))
    performance, accessibility, best_practices, seo = map(int, line.split()[2:])
    assert (accessibility, best_practices, seo) == (100, 100, 100), result.stdout
    assert 0 < performance <= 100
