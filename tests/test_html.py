"""Every built page is valid HTML, checked by the Nu Html Checker (vnu, from npm, run with Java)."""

from __future__ import annotations

import subprocess

from helpers import REPO

VNU = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"


def test_every_page_is_valid_html(built_site):
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--skip-non-html", "--errors-only", str(built_site)],
        capture_output=True, text=True, timeout=600,
    )
    # Material's own markup is valid too: see generator/mkdocs/material_html.py and theme/main.html.
    errors = result.stderr.splitlines()
    assert errors == [], "\n".join(errors[:20])
