"""French spacing is for text people read, never for values code compares (issue 22).

The templates set editors' text in French typography: a no-break space before « : ; ! ? ». A
facet value written « Fabrication additive : initiation » must still be the same string in the
checkbox's `value`, the catalog's index and the address, or ticking it finds nothing.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser import serve
from helpers import copy_project, mkdocs_build, write_test_catalog

NO_BREAK = ("\u00a0", "\u202f")
# One domain per punctuation mark French spacing acts on; each given to its own resources.
DOMAINS = {
    ":": "Fabrication additive : initiation",
    ";": "Soudure ; premier niveau",
    "!": "Réalité virtuelle, enfin !",
    "?": "Numérique, pour qui ?",
}


def _give_domains(regions: Path) -> dict[str, list[str]]:
    """Add one of DOMAINS to every resource in turn; the titles of the resources of each domain."""
    titles: dict[str, list[str]] = {label: [] for label in DOMAINS.values()}
    for index, path in enumerate(sorted(regions.glob("*/resources/*.md"))):
        label = list(DOMAINS.values())[index % len(DOMAINS)]
        text = path.read_text(encoding="utf-8")
        title = re.search(r'^title: "(.*)"$', text, re.M).group(1)
        path.write_text(text.replace("\nfees:", f'\ndomains:\n  - label: "{label}"\nfees:', 1), encoding="utf-8")
        titles[label].append(title)
    return titles


@pytest.fixture(scope="module")
def punctuated_site(tmp_path_factory):
    source = tmp_path_factory.mktemp("punctuated-content")
    write_test_catalog(source / "regions")
    titles = _give_domains(source / "regions")
    project = copy_project(tmp_path_factory.mktemp("punctuated"), source / "regions")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site", titles


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.values: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.values += [(tag, name, value) for name, value in attrs if value]


def test_no_attribute_value_holds_a_no_break_space_the_content_does_not(punctuated_site):
    site, _ = punctuated_site
    spaced = []
    for page in sorted(site.rglob("*.html")):
        parser = _Attributes()
        parser.feed(page.read_text(encoding="utf-8"))
        spaced += [(page.relative_to(site).as_posix(), tag, name, value) for tag, name, value in parser.values
                   if any(space in value for space in NO_BREAK)]
    assert spaced == [], spaced[:10]
    # The same value is in text as people read it, in French spacing: the rule still applies there.
    assert "additive\u00a0: initiation" in (site / "catalogue/index.html").read_text(encoding="utf-8")


def test_the_catalog_index_keeps_the_values_as_written(punctuated_site):
    site, _ = punctuated_site
    for data in sorted((site / "catalogue/index").glob("*.json")):
        text = data.read_text(encoding="utf-8")
        assert not any(space in text for space in NO_BREAK), data.name
    facets = (site / "catalogue/index/facettes.json").read_text(encoding="utf-8")
    for label in DOMAINS.values():
        assert json.dumps(label, ensure_ascii=False) in facets


@pytest.mark.browser
@pytest.mark.parametrize("mark", list(DOMAINS))
def test_ticking_a_value_with_french_punctuation_finds_its_resources(chromium, punctuated_site, mark):
    site, titles = punctuated_site
    label = DOMAINS[mark]
    with serve(site) as url:
        page = chromium.new_page()
        page.goto(url + "catalogue/")
        # The label as a visitor reads it, whatever the spaces between its words.
        name = re.compile("^" + r"\s+".join(re.escape(word) for word in label.split(" ")))
        page.get_by_role("checkbox", name=name).check()
        expected = titles[label]
        count = page.locator("[data-deffinov-catalog-count]")
        expect(count).to_have_text(f"{len(expected)} ressources correspondent." if len(expected) > 1 else "1 ressource correspond.")
        shown = page.locator("[data-deffinov-catalog-results] .deffinov-card__title")
        expect(shown).to_have_count(min(len(expected), 20))
        assert set(shown.all_inner_texts()) <= set(expected)
        page.close()
