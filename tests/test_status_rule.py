"""The status rule, one table of cases (status_cases.yml) run against Python and the browser script.

The build writes each call's status, and the days left before its next deadline, as the no-script
fallback; the page's script (theme/assets/javascripts/deffinov/) recomputes them on the reader's
day from the page's dates and the rule the page carries. Both must agree, edges included: the days left are counted in the call's zone,
whatever the reader's (the browser reads as a reader in Paris would).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from browser import serve
from helpers import REPO, call_of, html_to_text
from generator.outputs.templates import environment
from generator.presentation.schedule import Status, countdown, schedule
from generator.presentation.views import CallView, reading_rule, view_of as site_view_of

CASES = yaml.load((Path(__file__).parent / "status_cases.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
SCRIPTS = REPO / "theme/assets/javascripts/deffinov"


def view_of(case: dict, now: dt.datetime) -> CallView:
    return site_view_of(call_of(case), case["timezone"], now)


def instant(case: dict) -> dt.datetime:
    return dt.datetime.fromisoformat(case["now"])


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_python_rule(case):
    assert schedule(call_of(case), case["timezone"]).status(instant(case)) is Status(case["expected"])


def test_every_status_has_a_case():
    assert {case["expected"] for case in CASES} == {status.value for status in Status}


COUNTED = [case for case in CASES if "countdown" in case]


@pytest.mark.parametrize("case", COUNTED, ids=[case["name"] for case in COUNTED])
def test_python_countdown(case):
    dates = schedule(call_of(case), case["timezone"])
    assert countdown(dates.next_deadline(instant(case)), instant(case)) == case["countdown"]


def macros():
    return environment(REPO / "theme/deffinov").get_template("_macros.html").module


def as_text(markup: str) -> str:
    return html_to_text(markup, gap="", fold=False)


@pytest.mark.parametrize("case", COUNTED, ids=[case["name"] for case in COUNTED])
def test_the_build_writes_the_days_left_beside_the_next_deadline(case):
    text = as_text(str(macros().call_dates(view_of(case, instant(case)))))
    assert text.startswith("Prochaine date limite\u00a0: ") and text.endswith(f" ({case['countdown']})"), text


@pytest.fixture(scope="module")
def case_pages(tmp_path_factory):
    """One page per case: the real badge macro (built on another day) and the real script."""
    folder = tmp_path_factory.mktemp("status-cases")
    shutil.copytree(SCRIPTS, folder / "deffinov")
    shared = macros()
    built_on = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
    for index, case in enumerate(CASES):
        view = view_of(case, built_on)
        card = (f'<div data-deffinov-call data-timezone="{case["timezone"]}"><p data-deffinov-dates>'
                f"{shared.call_dates(view)}</p>{shared.deadline_texts(view)}</div>")
        page = (
            '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>cas</title></head><body>'
            f"{shared.status_badge(view)}{card}{shared.status_rule_script(reading_rule())}"
            '<script type="module" src="deffinov/main.js"></script></body></html>'
        )
        (folder / f"{index}.html").write_text(page, encoding="utf-8")
    with serve(folder) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("index", range(len(CASES)), ids=[case["name"] for case in CASES])
def test_browser_script(chromium, case_pages, index):
    case = CASES[index]
    page = chromium.new_page(timezone_id="Europe/Paris")
    try:
        page.clock.set_fixed_time(case["now"])
        page.goto(f"{case_pages}{index}.html")
        badge = page.locator("[data-deffinov-status]")
        expect(badge).to_have_class(f"deffinov-status deffinov-status--{case['expected']}")
        expect(badge).to_have_text(Status(case["expected"]).label)
        if "countdown" in case:
            # Word for word what the build writes on that day.
            built = as_text(str(macros().call_dates(view_of(case, instant(case)))))
            expect(page.locator("[data-deffinov-dates]")).to_have_text(built)
    finally:
        page.close()
