"""`deffinov check`, run as editors and CI run it."""

from __future__ import annotations

from helpers import REPO, VALID_CALL, deffinov_check, copy_project, mkdocs_build, real_call_count


def test_the_real_content_is_valid():
    result = deffinov_check(REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith(f"Contenu valide : 24 régions et territoires, {real_call_count()} appels à projets, ")


def test_errors_are_listed_together_in_french_without_traceback(repo):
    repo.call("regions/bretagne/calls/un.md", VALID_CALL.replace("2025-03-14", "2025-02-30"))
    repo.call("regions/guyane/calls/deux.md", VALID_CALL.replace("calendar:", "budjet: 10\ncalendar:"))
    result = deffinov_check(repo.root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == "2 erreurs dans le contenu :"
    assert lines[1].startswith("  - regions/bretagne/calls/un.md, ligne 8, champ « calendar.waves[1].deadline » : la date « 2025-02-30 »")
    assert lines[2].startswith("  - regions/guyane/calls/deux.md, ligne 4, champ « budjet » : champ inconnu « budjet ».")
    assert lines[-1] == "Corrigez ces points puis relancez la commande."


def test_a_content_page_may_not_take_a_generated_address(repo):
    repo.call("regions/bretagne/calls/appel-test.md")
    repo.write("content/appels/appel-test.md", "# Doublon\n")
    result = deffinov_check(repo.root)
    assert result.returncode == 1
    assert (
        "  - content/appels/appel-test.md : cette page prendrait l'adresse /appels/appel-test/, déjà produite par "
        "regions/bretagne/calls/appel-test.md. Renommez ou déplacez ce fichier."
    ) in result.stderr.splitlines()


def test_one_setting_hides_the_catalogs_examples_and_leaves_a_working_catalog(tmp_path):
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("catalog_examples: true", "catalog_examples: false"), encoding="utf-8")
    assert "catalog_examples: false" in config.read_text(encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    catalog = (project / "site/catalogue/index.html").read_text(encoding="utf-8")
    assert "0 ressource proposée par 0 lieu et collectif." in " ".join(catalog.split())
    assert not (project / "site/catalogue/casques-realite-virtuelle").exists()
    assert "exemple" not in (project / "site/regions/bretagne/index.html").read_text(encoding="utf-8")
