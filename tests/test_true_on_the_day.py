"""What a page says is true on the day it says it: calls closed without a dated end say so, every
status and countdown written at build time carries its date, and the script says them again on
the reader's day (issue 16, "More certain than the source" and "True only on the build day")."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from playwright.sync_api import expect


from helpers import badges, text_of as words_of

# The calls whose end no source dates: their editors declare them closed (calendar.state).
UNDATED = ["deffinov-bretagne", "tiers-lieux-competences-formation", "connaissance-hauts-de-france", "defi-occ",
           "deffinov-tiers-lieux-paca", "deffinov-pays-de-la-loire"]


def text_of(page) -> str:
    """A page's text as read: no space left before a full stop or a comma where a tag ended."""
    return re.sub(r" ([.,])", r"\1", words_of(page))


def test_a_call_closed_without_a_dated_end_says_so_and_what_is_known(built_site):
    for call in UNDATED:
        page = built_site / f"appels/{call}/index.html"
        assert badges(page) == ["closed_undated"], call
        text = text_of(page)
        assert "clos, date de fin inconnue" in text, call
        assert "Appel clos, date de fin inconnue. Aucune source consultée ne date la fin de cet appel." in text, call
        assert "Dernière information datée : " in text or "Aucune information datée dans les sources consultées." in text
        # The period the programme's dated calls ran in, from their pages (Nouvelle-Aquitaine, Normandie).
        assert ("Les dates connues des appels du programme DEFFINOV Tiers-lieux vont de novembre 2022 à "
                "septembre 2024 : voir le calendrier des appels.") in text, call
        assert "Appel clos." not in text and "2022 à 2024 sont clos" not in text, call
    grand_est = text_of(built_site / "appels/tiers-lieux-competences-formation/index.html")
    assert ("Dernière information datée : octobre 2022, source « Tiers-lieux compétences et formation », "
            "grandest.fr.") in grand_est
    bretagne = text_of(built_site / "appels/deffinov-bretagne/index.html")
    assert "Dernière information datée : 7 juillet 2022, source « Le cadre des appels à projets régionaux" in bretagne
    # A call whose last deadline is known is closed, with its date.
    assert badges(built_site / "appels/normandie-connectee-deffinov/index.html") == ["closed"]


def test_the_lists_and_the_filter_tell_a_dated_end_from_an_unknown_one(built_site):
    listed = built_site / "appels/index.html"
    assert sorted(badges(listed)).count("closed_undated") == len(UNDATED)
    text = text_of(listed)
    assert text.count("clos, date de fin inconnue") >= len(UNDATED)
    raw = listed.read_text(encoding="utf-8")
    assert '<option value="closed">Clos (y compris clos, date de fin inconnue)</option>' in raw
    region = built_site / "regions/grand-est/index.html"
    assert badges(region) == ["closed_undated"]
    assert "Dernière information datée : octobre 2022." in text_of(region)
    assert "closed_undated" in badges(built_site / "comparaison/index.html")


def test_the_open_data_give_each_calls_status_on_its_date_as_the_pages_do(built_site):
    folder = built_site / "donnees-ouvertes"
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO((folder / "appels.csv").read_text(encoding="utf-8")))}
    stamp = re.search(r'data-deffinov-today>([^<]+)<', (built_site / "appels/index.html").read_text(encoding="utf-8"))
    for call, row in rows.items():
        assert [row["status"]] == badges(built_site / f"appels/{call}/index.html"), call
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["status_date"]), row["status_date"]
    assert stamp
    assert {call for call, row in rows.items() if row["status"] == "closed_undated"} == set(UNDATED)
    assert rows["tiers-lieux-competences-formation"]["last_dated_fact_date"] == "2022-10-01"
    assert rows["tiers-lieux-competences-formation"]["last_dated_fact"].startswith("octobre 2022 : source « ")
    assert rows["defi-occ"]["last_dated_fact"] == ""
    data = json.loads((folder / "appels.json").read_text(encoding="utf-8"))["donnees"]
    assert {row["id"]: row["status"] for row in data} == {call: row["status"] for call, row in rows.items()}
    schema = json.loads((folder / "appels.tableschema.json").read_text(encoding="utf-8"))
    status = next(field for field in schema["fields"] if field["name"] == "status")
    assert "closed_undated (clos, date de fin inconnue)" in status["description"]


def test_every_status_and_countdown_written_at_build_time_carries_its_date(status_site):
    """The status site is built for 1 March 2025: every page that shows a status says so."""
    shown = [page for page in status_site.rglob("*.html") if "data-deffinov-status" in page.read_text(encoding="utf-8")]
    assert len(shown) >= 6 + 3  # the six calls' pages, home, list, regions, comparison
    for page in shown:
        raw = page.read_text(encoding="utf-8")
        assert "<span data-deffinov-today>1er mars 2025</span>" in raw, page.relative_to(status_site)
    listed = text_of(status_site / "appels/index.html")
    assert "calculé à la date du jour" not in listed
    assert "Statuts et prochaines dates limites au 1er mars 2025." in listed
    # The days left, as the script writes them on the build day (test_browser.py).
    assert ("Prochaine date limite : 10 mars 2025 à 12 h 00, heure de Cayenne (dans 9 jours)") in listed
    call = text_of(status_site / "appels/appel-cloture-proche/index.html")
    assert "clôture proche situation au 1er mars 2025" in call
    assert "Prochaine date limite 10 mars 2025 à 12 h 00, heure de Cayenne (dans 9 jours)" in call


@pytest.mark.browser
def test_a_call_page_read_after_its_deadline_says_so_on_the_readers_day(chromium, status_url):
    page = chromium.new_page(timezone_id="Europe/Paris")
    try:
        page.clock.set_fixed_time("2025-03-11T10:00:00+01:00")
        page.goto(status_url + "appels/appel-cloture-proche/")
        expect(page.locator(".deffinov-call-head [data-deffinov-status]")).to_have_text("clos")
        expect(page.locator(".deffinov-call-head [data-deffinov-today]")).to_have_text("11 mars 2025")
        expect(page.locator("[data-deffinov-dates-label]")).to_have_text("Dernière date limite")
        page.goto(status_url + "appels/")
        expect(page.locator("[data-deffinov-today]")).to_have_text("11 mars 2025")
    finally:
        page.close()


@pytest.mark.browser
def test_without_javascript_the_build_text_stays_with_its_date(chromium, status_url):
    context = chromium.new_context(java_script_enabled=False, timezone_id="Europe/Paris")
    page = context.new_page()
    try:
        page.clock.set_fixed_time("2025-03-11T10:00:00+01:00")
        page.goto(status_url + "appels/appel-cloture-proche/")
        head = page.locator(".deffinov-call-head")
        expect(head.locator("[data-deffinov-status]")).to_have_text("clôture proche")
        expect(head).to_contain_text("situation au 1er mars 2025")
        expect(head).to_contain_text("(dans 9\u00a0jours)")
    finally:
        context.close()

