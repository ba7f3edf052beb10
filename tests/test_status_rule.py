"""The status rule, one table of cases (status_cases.yml) run against Python and the browser script.

The build writes each call's status as the no-script fallback; deffinov.js recomputes it on the
reader's day from the page's dates and the rule the page carries. Both must agree, edges included.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from browser import serve
from conftest import REPO
from generator.content.call import Call
from generator.content.entries import CallEntry
from generator.outputs.templates import environment
from generator.site.schedule import Status, schedule, status_rule
from generator.site.views import CallView

CASES = yaml.load((Path(__file__).parent / "status_cases.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
SCRIPT = REPO / "theme/assets/javascripts/deffinov.js"


def call_of(case: dict) -> CallEntry:
    """A call whose calendar is the case's, through the real model."""
    data = Call.model_validate({
        "title": case["name"], "summary": "Cas de test.", "calendar": case["calendar"],
        "sources": [{"title": "Cas", "publisher": "tests"}], "last_checked": "2025-01-01",
    })
    return CallEntry("cas", "region", "cas.md", data, "", None)


def view_of(case: dict, now: dt.datetime) -> CallView:
    dates = schedule(call_of(case), case["timezone"])
    return CallView(call_of(case), case["timezone"], dates, dates.status(now), dates.next_deadline(now))


def instant(case: dict) -> dt.datetime:
    return dt.datetime.fromisoformat(case["now"])


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_python_rule(case):
    assert schedule(call_of(case), case["timezone"]).status(instant(case)) is Status(case["expected"])


def test_every_status_has_a_case():
    assert {case["expected"] for case in CASES} == {status.value for status in Status}


@pytest.fixture(scope="module")
def case_pages(tmp_path_factory):
    """One page per case: the real badge macro (built on another day) and the real script."""
    folder = tmp_path_factory.mktemp("status-cases")
    (folder / "deffinov.js").write_text(SCRIPT.read_text(encoding="utf-8"), encoding="utf-8")
    macros = environment(REPO / "theme/deffinov").get_template("_macros.html").module
    built_on = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
    for index, case in enumerate(CASES):
        page = (
            '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>cas</title></head><body>'
            f"{macros.status_badge(view_of(case, built_on))}{macros.status_rule_script(status_rule())}"
            '<script src="deffinov.js"></script></body></html>'
        )
        (folder / f"{index}.html").write_text(page, encoding="utf-8")
    with serve(folder) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("index", range(len(CASES)), ids=[case["name"] for case in CASES])
def test_browser_script(chromium, case_pages, index):
    case = CASES[index]
    page = chromium.new_page()
    try:
        page.clock.set_fixed_time(case["now"])
        page.goto(f"{case_pages}{index}.html")
        badge = page.locator("[data-deffinov-status]")
        expect(badge).to_have_class(f"deffinov-status deffinov-status--{case['expected']}")
        expect(badge).to_have_text(Status(case["expected"]).label)
    finally:
        page.close()
