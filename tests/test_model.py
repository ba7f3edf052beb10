"""The content model and its checks, through the loader, with the exact messages editors read."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.content.errors import ContentErrors
from generator.content.loading import load_content, load_site
from generator.french import french_date
from generator.presentation.schedule import Status, schedule

from helpers import VALID_CALL


def status_at(call, zone, now):
    return schedule(call, zone).status(now)


def errors_of(repo) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_site(repo.root)
    return [error.format() for error in caught.value.errors]


def test_valid_content_loads_into_the_model(repo):
    repo.call("regions/bretagne/calls/appel-test.md")
    site = load_site(repo.root)
    assert [r.slug for r in site.regions] == ["bretagne", "guyane"]
    call = site.calls[0]
    assert (call.id, call.region) == ("appel-test", "bretagne")
    first, second = call.data.calendar.waves
    # "12:00" stays a time of day: YAML 1.1 would have read it as the number 720.
    assert first.time == dt.time(12, 0)
    assert second.time is None


def test_yaml_syntax_error_names_file_and_line(repo):
    repo.call("regions/bretagne/calls/appel-test.md", VALID_CALL.replace("summary: Un appel", "summary: Un appel: mal écrit"))
    assert errors_of(repo) == [
        "regions/bretagne/calls/appel-test.md, ligne 3 : erreur de syntaxe YAML : un deux-points inattendu ; "
        "mettez la valeur entre guillemets si elle contient « : »."
    ]


def test_unknown_key_is_an_error_with_its_line_and_field(repo):
    repo.call("regions/bretagne/calls/appel-test.md", VALID_CALL.replace("      deadline: 2025-06-13", "      deadlin: 2025-06-13"))
    messages = errors_of(repo)
    assert (
        "regions/bretagne/calls/appel-test.md, ligne 11, champ « calendar.waves[2].deadlin » : champ inconnu "
        "« deadlin ». Vouliez-vous dire « deadline » ? Vérifiez l'orthographe ; champs possibles à cet endroit : deadline, initial_deadline, "
        "label, opens, stage, time."
    ) in messages
    # A deadline may be unknown, so the typo is the only error, and it stops the build.
    assert len(messages) == 1


def test_wrong_type_says_what_was_expected_and_found(repo):
    repo.call("regions/bretagne/calls/appel-test.md", VALID_CALL.replace("calendar:", "budget: beaucoup\ncalendar:"))
    assert errors_of(repo) == [
        "regions/bretagne/calls/appel-test.md, ligne 4, champ « budget » : nombre entier attendu (Enveloppe "
        "totale de l'appel, en euros), reçu « beaucoup ». Écrivez le nombre sans espace ni symbole, par exemple 50000."
    ]


def test_missing_required_field(repo):
    repo.call("regions/bretagne/calls/appel-test.md", VALID_CALL.replace("last_checked: 2025-01-10\n", ""))
    assert errors_of(repo) == [
        "regions/bretagne/calls/appel-test.md, ligne 2, champ « last_checked » : champ obligatoire manquant "
        "(Date de dernière vérification des informations, au format AAAA-MM-JJ). Ajoutez la ligne « last_checked: … »."
    ]


def test_impossible_date(repo):
    repo.call("regions/bretagne/calls/appel-test.md", VALID_CALL.replace("2025-03-14", "2025-02-30"))
    assert errors_of(repo) == [
        "regions/bretagne/calls/appel-test.md, ligne 8, champ « calendar.waves[1].deadline » : la date "
        "« 2025-02-30 » n'existe pas ou est mal écrite. Attendu : une date réelle au format AAAA-MM-JJ, par "
        "exemple 2024-03-31."
    ]


def test_deadline_before_opening(repo):
    repo.call("regions/bretagne/calls/appel-test.md", VALID_CALL.replace("2025-03-14", "2024-03-14"))
    messages = errors_of(repo)
    assert (
        "regions/bretagne/calls/appel-test.md, ligne 8, champ « calendar.waves[1].deadline » : la date limite "
        "(14 mars 2024) précède l'ouverture (6 janvier 2025). Vérifiez l'année et le mois."
    ) in messages


def test_waves_out_of_order(repo):
    repo.call("regions/bretagne/calls/appel-test.md", VALID_CALL.replace("2025-06-13", "2025-02-13"))
    assert errors_of(repo) == [
        "regions/bretagne/calls/appel-test.md, ligne 11, champ « calendar.waves[2].deadline » : vague hors "
        "d'ordre : sa date limite (13 février 2025) précède celle de la vague précédente (14 mars 2025). Rangez "
        "les vagues dans l'ordre chronologique."
    ]


def test_unknown_region(repo):
    repo.call("regions/bretagne/calls/appel-test.md", VALID_CALL.replace("calendar:", "other_regions:\n  - normandy\ncalendar:"))
    assert errors_of(repo) == [
        "regions/bretagne/calls/appel-test.md, ligne 5, champ « other_regions[1] » : région inconnue « normandy ». "
        "Régions possibles : bretagne, guyane."
    ]


def test_call_folder_without_region_file(repo):
    repo.call("regions/normandie/calls/appel-test.md")
    assert errors_of(repo) == [
        "regions/normandie/region.yml : fichier de région manquant : créez-le avec au moins name, insee_code, "
        "category, timezone et call_owner."
    ]


def test_two_calls_with_the_same_id(repo):
    repo.call("regions/bretagne/calls/appel-test.md")
    repo.call("regions/guyane/calls/appel-test.md")
    assert errors_of(repo) == [
        "regions/bretagne/calls/appel-test.md : identifiant d'appel « appel-test » déjà utilisé par "
        "regions/guyane/calls/appel-test.md : deux appels auraient la même adresse. Renommez l'un des fichiers "
        "(par exemple en ajoutant la région ou l'année).",
        "regions/guyane/calls/appel-test.md : identifiant d'appel « appel-test » déjà utilisé par "
        "regions/bretagne/calls/appel-test.md : deux appels auraient la même adresse. Renommez l'un des fichiers "
        "(par exemple en ajoutant la région ou l'année).",
    ]


def test_every_error_of_a_run_is_reported_at_once(repo):
    repo.call("regions/bretagne/calls/un.md", VALID_CALL.replace("2025-03-14", "2025-02-30"))
    repo.call("regions/bretagne/calls/deux.md", VALID_CALL.replace("title: Appel de test\n", ""))
    repo.write("regions/guyane/region.yml", "name: Guyane\ninsee_code: 3\ncategory: outremer\n")
    messages = errors_of(repo)
    files = {m.split(",")[0].split(" :")[0] for m in messages}
    assert files == {"regions/bretagne/calls/un.md", "regions/bretagne/calls/deux.md", "regions/guyane/region.yml"}
    assert len(messages) >= 5


def test_region_file_errors(repo):
    repo.write("regions/guyane/region.yml", 'name: Guyane\ninsee_code: "03"\ncategory: outremer\ntimezone: Europe/Cayenne\ncall_owner: CTG\n')
    assert errors_of(repo) == [
        "regions/guyane/region.yml, ligne 3, champ « category » : valeur « outremer » non reconnue (Type de "
        "territoire). Valeurs possibles : « metropole », « overseas_region » ou « overseas_collectivity ».",
        "regions/guyane/region.yml, ligne 4, champ « timezone » : fuseau horaire inconnu « Europe/Cayenne ». Vouliez-vous "
        "dire America/Cayenne ? Attendu : le fuseau d'un lieu, nommé d'après une ville : Europe/Paris, America/Cayenne, "
        "America/Martinique, America/Guadeloupe, Indian/Reunion, Indian/Mayotte, Pacific/Noumea, Pacific/Tahiti ou "
        "Pacific/Wallis.",
    ]


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"---\ntitle: caf\xe9\n---\n", "regions/bretagne/calls/appel-test.md, ligne 2 : le fichier n'est pas encodé en UTF-8"),
        (b"title: sans en-tete\n", "regions/bretagne/calls/appel-test.md, ligne 1 : le fichier doit commencer par une ligne « --- »"),
        (b"---\ntitle: a\ntitle: b\n---\n", "regions/bretagne/calls/appel-test.md, ligne 3 : la clé « title » apparaît deux fois"),
        (b"---\n" + b"x: " + b"a" * 600_000 + b"\n---\n", "regions/bretagne/calls/appel-test.md : le fichier fait 585 Kio"),
        (b"---\n- une\n- liste\n---\n", "regions/bretagne/calls/appel-test.md, ligne 1 : le contenu doit être une liste de champs"),
    ],
)
def test_unreadable_files_get_a_clear_error(repo, content, expected):
    repo.write("regions/bretagne/calls/appel-test.md", content)
    messages = errors_of(repo)
    assert len(messages) == 1 and messages[0].startswith(expected), messages


def test_yaml_alias_bomb_is_refused(repo):
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefgh":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n"
    repo.write("regions/bretagne/calls/appel-test.md", bomb + "---\n")
    assert errors_of(repo) == [
        "regions/bretagne/calls/appel-test.md : le fichier contient trop d'éléments (alias YAML en cascade ?). Simplifiez-le."
    ]


@pytest.mark.parametrize("name", ["Appel.md", "../x.md", "appel test.md", "appel.txt"])
def test_bad_file_names(repo, name):
    path = repo.root / "regions/bretagne/calls" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if name.startswith(".."):
        name = "appel..md"
        path = repo.root / "regions/bretagne/calls" / name
    path.write_text(VALID_CALL)
    messages = errors_of(repo)
    assert len(messages) == 1 and messages[0].startswith(f"regions/bretagne/calls/{name} : ")


def test_status_follows_the_regions_time_zone(repo):
    repo.call("regions/guyane/calls/appel-test.md")
    site = load_site(repo.root)
    call = site.calls[0]
    zone = site.timezone_of(call)
    first = schedule(call, zone).deadlines[0]
    # 12:00 in Cayenne (UTC-3) is 15:00 UTC.
    assert first.moment.astimezone(dt.timezone.utc) == dt.datetime(2025, 3, 14, 15, 0, tzinfo=dt.timezone.utc)
    utc = dt.timezone.utc
    assert status_at(call, zone, dt.datetime(2025, 1, 1, tzinfo=utc)) is Status.UPCOMING
    assert status_at(call, zone, dt.datetime(2025, 2, 1, tzinfo=utc)) is Status.OPEN
    assert status_at(call, zone, dt.datetime(2025, 3, 10, tzinfo=utc)) is Status.CLOSING_SOON
    assert status_at(call, zone, dt.datetime(2025, 3, 14, 14, 59, tzinfo=utc)) is Status.CLOSING_SOON
    # After the first wave, the second one keeps the call open.
    assert status_at(call, zone, dt.datetime(2025, 3, 14, 15, 1, tzinfo=utc)) is Status.OPEN
    assert status_at(call, zone, dt.datetime(2025, 6, 14, 3, 0, tzinfo=utc)) is Status.CLOSED


def test_rolling_call_needs_an_end_date_and_cancelled_call_says_so(repo):
    rolling = VALID_CALL.replace("  waves:\n    - label: Vague 1\n      deadline: 2025-03-14\n      time: \"12:00\"\n    - label: Vague 2\n      deadline: 2025-06-13\n", "  rolling: true\n")
    repo.call("regions/bretagne/calls/appel-test.md", rolling)
    assert errors_of(repo) == [
        "regions/bretagne/calls/appel-test.md, ligne 4, champ « calendar.closes » : un appel au fil de l'eau "
        "(rolling: true) doit indiquer sa date de fin dans closes, au format AAAA-MM-JJ."
    ]
    repo.call("regions/bretagne/calls/appel-test.md", rolling.replace("  rolling: true\n", "  rolling: true\n  closes: 2025-12-31\n  state: cancelled\n"))
    site = load_site(repo.root)
    assert status_at(site.calls[0], "Europe/Paris", dt.datetime(2025, 2, 1, tzinfo=dt.timezone.utc)) is Status.CANCELLED


def test_last_checked_may_not_be_in_the_future(repo):
    repo.call("regions/bretagne/calls/appel-test.md", VALID_CALL.replace("last_checked: 2025-01-10", "last_checked: 2999-01-10"))
    assert errors_of(repo) == [
        "regions/bretagne/calls/appel-test.md, ligne 15, champ « last_checked » : la date 10 janvier 2999 est dans le "
        "futur, alors que ce champ dit quand une chose a eu lieu (une vérification, une modification, une publication, "
        "une mise à jour). Vérifiez l'année : la date est au plus tard celle du jour."
    ]
    # The editor's clock may be a day ahead of the build machine's.
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    repo.call("regions/bretagne/calls/appel-test.md", VALID_CALL.replace("last_checked: 2025-01-10", f"last_checked: {tomorrow}"))
    assert load_site(repo.root).calls


def test_a_date_may_carry_its_uncertainty_and_a_stage_its_unknown_deadline(repo):
    call = VALID_CALL.replace("""  opens: 2025-01-06
  waves:
    - label: Vague 1
      deadline: 2025-03-14
      time: "12:00"
    - label: Vague 2
      deadline: 2025-06-13
""", """  published:
    date: 2025-01-01
    day_unknown: true
  waves:
    - label: Pré-sélection
      stage: pre_selection
    - label: Dossier complet
      stage: full_application
      deadline:
        date: 2025-06-13
        year_uncertain: true
      time: "19:00"
""")
    repo.call("regions/bretagne/calls/appel-test.md", call)
    calendar = load_site(repo.root).calls[0].data.calendar
    assert french_date(calendar.published) == "janvier 2025"
    first, second = calendar.waves
    assert first.deadline is None
    assert french_date(second.deadline) == "13 juin 2025 (année non confirmée)"


def test_a_date_of_the_past_may_be_tomorrow_but_not_three_days_ahead(repo):
    """One day of slack for the editor's clock, not more: a typo a few days ahead is caught too."""
    for days, refused in ((1, False), (3, True)):
        day = (dt.date.today() + dt.timedelta(days=days)).isoformat()
        repo.call("regions/bretagne/calls/appel-test.md", VALID_CALL.replace(
            "last_checked: 2025-01-10", f"last_checked: 2025-01-10\namendments:\n  - date: {day}\n    text: Modifié."))
        found = [error for error in load_content(repo.root).errors if "est dans le futur" in error.message]
        assert bool(found) is refused, (days, found)
