"""Every built page is valid HTML, checked by the Nu Html Checker (vnu, from npm, run with Java)."""

from __future__ import annotations

import subprocess

from conftest import REPO

VNU = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"
# Errors in Material's own base templates, which we do not copy to fix.
MATERIAL_KNOWN = (
    "Attribute “autocomplete” is only allowed when the input type is",  # its hidden toggles
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",  # __toc
)


def test_every_page_is_valid_html(built_site):
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--skip-non-html", "--errors-only", str(built_site)],
        capture_output=True, text=True, timeout=600,
    )
    errors = [line for line in result.stderr.splitlines() if not any(known in line for known in MATERIAL_KNOWN)]
    assert errors == [], "\n".join(errors[:20])
