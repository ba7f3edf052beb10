"""Generated pages rendered straight from the model, for cases the default content lacks."""

from __future__ import annotations

import datetime as dt
import re

from generator.build import pipeline
from generator.settings import Project

from helpers import REPO, html_to_text

TWO_STAGE_CALL = """\
---
title: Appel en deux temps
summary: Pré-sélection puis dossier complet.
calendar:
  published: 2025-01-02
  opens: 2025-01-06
  waves:
    - label: Lettre d'intention
      stage: pre_selection
      deadline: 2025-02-14
      time: "12:00"
    - label: Dossier complet
      stage: full_application
      deadline: 2025-05-16
      initial_deadline: 2025-04-30
      time: "17:30"
amendments:
  - date: 2025-02-01
    text: Précision sur les dépenses éligibles.
  - date: 2025-04-10
    text: Date limite du dossier complet reportée au 16 mai.
sources:
  - title: Page de la collectivité
    publisher: ctguyane.fr
last_checked: 2025-04-11
---
Texte.
"""


def render_pages(repo, now: dt.datetime) -> dict[str, str]:
    """The generated pages of a test repository, rendered with the real templates for the day `now`."""
    project = Project(repo.root, repo.root / "content", REPO / "theme" / "deffinov", today=now.isoformat())
    return {page.uri: page.content for page in pipeline.render(pipeline.check(project))}


def rendered(repo, call_id: str, now: dt.datetime) -> str:
    content = render_pages(repo, now)[f"appels/{call_id}/index.md"]
    return html_to_text(content)


def badge_html(repo, call_id: str, now: dt.datetime = dt.datetime(2025, 3, 1, tzinfo=dt.timezone.utc)) -> str:
    """The call page's HTML, for assertions on an element rather than on the page's words."""
    return render_pages(repo, now)[f"appels/{call_id}/index.md"]


def test_two_stage_extended_call_in_an_overseas_time_zone(repo):
    repo.call("regions/guyane/calls/deux-temps.md", TWO_STAGE_CALL)
    text = rendered(repo, "deux-temps", dt.datetime(2025, 3, 1, tzinfo=dt.timezone.utc))
    assert "Dates limites, à l'heure locale : Cayenne (America/Cayenne)" in text
    assert "Lettre d'intention — Pré-sélection (dossier court) 14 février 2025 12 h 00" in text
    assert "Dossier complet 16 mai 2025 (prolongée ; initialement le 30 avril 2025) 17 h 30" in text
    assert "Prochaine date limite 16 mai 2025 à 17 h 30 , heure de Cayenne" in text
    # The badge itself, not the word anywhere (the status rule's data holds every label).
    assert re.search(r'class="deffinov-status deffinov-status--open"[^>]*>ouvert</span>', badge_html(repo, "deux-temps"))
    # Newest change first.
    assert text.index("10 avril 2025 : Date limite du dossier complet") < text.index("1er février 2025 : Précision")


def test_closing_soon_two_weeks_before_the_deadline(repo):
    repo.call("regions/guyane/calls/deux-temps.md", TWO_STAGE_CALL)
    text = rendered(repo, "deux-temps", dt.datetime(2025, 5, 10, tzinfo=dt.timezone.utc))
    assert "clôture proche" in text


def test_home_says_when_no_call_is_open(repo):
    repo.call("regions/bretagne/calls/appel-test.md")
    home = render_pages(repo, dt.datetime(2030, 1, 1, 12, tzinfo=dt.timezone.utc))["index.md"]
    home = html_to_text(home, gap="")
    assert "Situation au 1er janvier 2030." in home and "Aucun appel à projets n'est ouvert à cette date." in home


def test_home_lists_open_calls_and_next_deadlines_first(repo):
    repo.call("regions/guyane/calls/deux-temps.md", TWO_STAGE_CALL)
    repo.call("regions/bretagne/calls/appel-test.md")
    home = render_pages(repo, dt.datetime(2025, 2, 10, tzinfo=dt.timezone.utc))["index.md"]
    text = html_to_text(home)
    opened = text[text.index("Appels ouverts"):text.index("Prochaines échéances")]
    # The Guyane call closes its first stage in 4 days, the Breton one in a month.
    assert opened.index("Appel en deux temps") < opened.index("Appel de test")
    deadlines = text[text.index("Prochaines échéances"):text.index("Derniers appels")]
    assert deadlines.split(" : ")[0].endswith("14 février 2025 à 12 h 00 , heure de Cayenne")
    order = [d for d in ("14 février 2025", "14 mars 2025", "16 mai 2025", "13 juin 2025") if d in deadlines]
    assert order == sorted(order, key=deadlines.index) and len(order) == 4


def test_an_opening_without_a_known_deadline_is_not_called_open(repo):
    repo.call("regions/bretagne/calls/appel-test.md", TWO_STAGE_CALL.replace("      deadline: 2025-02-14\n", "").replace(
        "      deadline: 2025-05-16\n      initial_deadline: 2025-04-30\n", ""))
    text = rendered(repo, "appel-test", dt.datetime(2025, 3, 1, tzinfo=dt.timezone.utc))
    assert "date limite non communiquée" in text
    assert " ouvert " not in f" {text} "


def test_contacts_show_on_the_call_and_its_region(repo):
    repo.call("regions/bretagne/calls/appel-test.md", TWO_STAGE_CALL.replace(
        "amendments:", "contacts:\n  - name: Service des aides\n    email: aides@region.fr\n    phone: 02 99 27 10 10\namendments:"))
    pages = render_pages(repo, dt.datetime(2025, 3, 1, tzinfo=dt.timezone.utc))
    for uri in ("appels/appel-test/index.md", "regions/bretagne/index.md"):
        text = html_to_text(pages[uri])
        assert "Contacts Service des aides : aides@region.fr , 02 99 27 10 10" in text, uri
