"""The contributor guide: on the site and as CONTRIBUTING.md, with a field reference drawn from the models."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from helpers import DEFFINOV, REPO, article_html, deffinov_check, html_to_text, real_call_count
from generator.tools import guide
from generator.content.fields import FuzzyDate, model_of
from generator.content.kinds import KINDS
from generator.tools.committed_files import CONTRIBUTING, expected


def model_fields(model, path=""):
    """Every field of a model and of the models inside it, read from the model itself, with its model."""
    for name, info in model.model_fields.items():
        yield f"{path}{name}", name, info, model
        inner = model_of(info.annotation)
        if inner is not None:
            yield from model_fields(inner, f"{path}{name}.")


def plain(fragment: str) -> str:
    """HTML as read: tags removed, spaces made plain."""
    return html_to_text(fragment, gap="", plain_spaces=True)


def article(page) -> str:
    return article_html(page.read_text(encoding="utf-8"))


def sections(page) -> dict[str, str]:
    """The reference's parts, by their heading: one for each kind of file, one for uncertain dates."""
    reference = article(page).split('id="reference-des-champs"', 1)[1]
    return {plain(part.split("</h3>", 1)[0].split(">", 1)[1]): plain(part) for part in reference.split("<h3")[1:]}


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_every_model_field_is_in_the_guides_reference(kind, built_site):
    parts = sections(built_site / "contribuer/index.html")
    for path, name, info, owner in model_fields(kind.model):
        # The fields of a date written as a block are listed once, in their own part.
        section = parts[guide.UNCERTAIN_DATE_TITLE if owner is FuzzyDate else kind.title]
        # A field added without its French texts fails here, with its name.
        assert info.title and info.description, f"{kind.model.__name__}.{path} : title et description manquants"
        assert f"{name} — {info.title}" in section, path
        assert info.description.rstrip(".…") in section, path


def test_the_reference_says_required_type_values_and_example():
    reference = guide.field_reference()
    assert ("- **`title`** — *Titre*, obligatoire. Titre officiel de l'appel, ou à défaut un titre descriptif, avec title\\_official: false. Type : texte sur une seule ligne, 300 caractères au plus. "
            "Exemple : `Tiers-lieux et formation 2027`.") in reference
    assert "Valeurs possibles : `active` (en cours selon son calendrier), `suspended` (suspendu)" in reference
    assert "    - **`deadline`** — *Date limite*, facultatif." in reference  # nested under waves
    assert ("Résumé en deux ou trois phrases. Type : texte, sur plusieurs lignes si besoin (bloc « | »), 600 caractères "
            "au plus.") in reference
    assert "\\_" in reference  # Markdown characters of descriptions are escaped
    assert guide.REFERENCE_MARKER not in guide.expand(f"a\n\n{guide.REFERENCE_MARKER}\n")


def test_contributing_md_is_the_guide_and_up_to_date():
    contributing = (REPO / CONTRIBUTING).read_text(encoding="utf-8")
    assert contributing == expected(REPO)[CONTRIBUTING], "régénérez-le avec « deffinov generate »"
    assert contributing.startswith("<!-- Généré depuis content/contribuer.md")
    assert "# Guide du contributeur" in contributing and "title: Guide du contributeur" not in contributing
    assert "](content/proposer-une-ressource.md)" in contributing
    assert guide.REFERENCE_MARKER not in contributing and "**`last_checked`**" in contributing


def test_generate_check_fails_on_a_stale_copy(tmp_path):
    for name in ("regions", "content", "schemas"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "mkdocs.yml", tmp_path)
    (tmp_path / CONTRIBUTING).write_text("ancien\n", encoding="utf-8")
    result = subprocess.run([DEFFINOV, "generate", "--check", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip() == "Fichiers tirés du modèle à régénérer avec « deffinov generate » : CONTRIBUTING.md."
    result = subprocess.run([DEFFINOV, "generate", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "CONTRIBUTING.md" in result.stdout
    assert (tmp_path / CONTRIBUTING).read_text(encoding="utf-8") == (REPO / CONTRIBUTING).read_text(encoding="utf-8")


def test_the_guide_is_in_the_menu_and_answers_the_editors_questions(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="contribuer/"' in home
    text = plain(article(built_site / "contribuer/index.html"))
    for question in ("caveats ou calendar.note ?", "Que mettre dans last_checked quand rien n'a été revérifié ?",
                     "Un appel porté par un autre organisme change-t-il region.yml ?"):
        assert question in text


def test_the_guides_example_call_is_valid(tmp_path):
    page = (REPO / "content/contribuer.md").read_text(encoding="utf-8")
    example = page.split("```markdown\n", 1)[1].split("```", 1)[0]
    shutil.copytree(REPO / "regions", tmp_path / "regions")
    (tmp_path / "content").mkdir()
    (tmp_path / "regions/bretagne/calls/appel-tiers-lieux-2027.md").write_text(example, encoding="utf-8")
    result = deffinov_check(tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"{real_call_count() + 1} appels à projets" in result.stdout
