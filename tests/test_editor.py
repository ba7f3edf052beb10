"""The browser editor at /admin/ (issue 21): its forms come from the model, and a person using them
in Chromium, against Decap CMS's local backend on a copy of the repository, writes files that
`deffinov check` accepts and the build publishes; the forms refuse what the model refuses, in French."""

from __future__ import annotations

import re

import pytest
import yaml
from playwright.sync_api import expect

from browser import DESKTOP, PHONE, TIMEOUT_MS, axe_violations, editor_backend, serve
from hosting import editor_headers
from helpers import REPO, copy_project, deffinov_check, mkdocs_build
from generator.content.editorconfig import editor_config
from generator.content.editorforms import MESSAGES, form_fields
from generator.content.fielddocs import VALUES, field_docs, walk
from generator.content.jsonschemas import Known
from generator.content.kinds import CALL, KINDS, RESOURCE
from generator.content.reading import parse_yaml
from generator.settings import EDITOR_DEFAULTS

COMMITTED = REPO / "content/admin/config.yml"


def _by_path(fields: list[dict], prefix: str = "") -> dict[str, dict]:
    found = {}
    for field in fields:
        path = f"{prefix}.{field['name']}" if prefix else field["name"]
        found[path] = field
        found.update(_by_path(field.get("fields", []), path))
    return found


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_every_field_of_the_model_has_its_form_field_with_the_guides_words(kind):
    """Label, help, required or not: the same as the field reference of the guide (fielddocs)."""
    fields = _by_path(form_fields(kind))
    for doc in walk(field_docs(kind)):
        path = doc.path.replace("[]", "")
        assert path in fields, f"{kind.name}: no form field for {path}"
        field = fields[path]
        assert field["label"] == doc.label
        assert field["hint"].split(". Sans réponse : ")[0].rstrip(".") == doc.description.rstrip(".")
        if "." not in path:  # inside an optional block, Decap cannot require (editorforms.py)
            assert field["required"] == doc.required, path
        if doc.allowed:
            assert [option["value"] for option in field["options"]] == [value for value, _ in doc.allowed], path
            assert field.get("multiple", False) == (doc.shape == VALUES), path


def test_formats_are_checked_by_the_form_with_a_french_message():
    call = _by_path(form_fields(CALL))
    time = call["calendar.waves.time"]["pattern"]
    assert re.match(time[0], "12:00") and re.match(time[0], "9:05") and not re.match(time[0], "25:00")
    assert time[1] == MESSAGES["time"]
    email = call["contacts.email"]["pattern"]
    assert re.match(email[0], "deffinov@region.fr") and not re.match(email[0], "deffinov.region.fr")
    assert "Valeur mal formée" in email[1]
    url = call["official_page"]["pattern"]
    assert re.match(url[0], "https://www.region.fr/a") and not re.match(url[0], "www.region.fr")
    insee = _by_path(form_fields(RESOURCE))["place.insee_code"]["pattern"]
    assert re.match(insee[0], "2A004") and not re.match(insee[0], "2C004")
    assert call["calendar.waves"]["widget"] == "list" and call["sources"]["min"] == 1
    assert call["calendar.waves.deadline"]["widget"] == "date-incertaine"


def test_choices_come_from_the_data():
    known = Known({"bretagne": "Bretagne", "guyane": "Guyane"}, {"la-fabrique-du-coin": "La Fabrique du Coin"},
                  {"deffinov-bretagne": "DEFFINOV Bretagne"})
    resource = _by_path(form_fields(RESOURCE, known))
    assert resource["provider"]["options"] == [{"label": "La Fabrique du Coin (la-fabrique-du-coin)",
                                                 "value": "la-fabrique-du-coin"}]
    assert [o["value"] for o in resource["funded_by"]["options"]] == ["deffinov-bretagne"]
    assert [o["value"] for o in _by_path(form_fields(CALL, known))["other_regions"]["options"]] == ["bretagne", "guyane"]


def test_collections_follow_the_content_and_the_forge_settings():
    known = Known({"bretagne": "Bretagne", "polynesie-francaise": "Polynésie française"})
    config = editor_config(known, {**EDITOR_DEFAULTS, "backend": "gitlab", "repo": "region/site", "app_id": "abc"})
    backend = {k: v for k, v in config["backend"].items() if k != "commit_messages"}
    assert backend == {"name": "gitlab", "repo": "region/site", "branch": "main", "auth_type": "pkce", "app_id": "abc"}
    assert config["publish_mode"] == "editorial_workflow" and config["locale"] == "fr"
    folders = {c["name"]: c.get("folder") for c in config["collections"]}
    assert folders["calls-polynesie-francaise"] == "regions/polynesie-francaise/calls"
    assert folders["resources-bretagne"] == "regions/bretagne/resources"
    assert folders["providers-bretagne"] == "regions/bretagne/providers"
    assert [f["file"] for f in config["collections"][0]["files"]] == ["regions/bretagne/region.yml",
                                                                      "regions/polynesie-francaise/region.yml"]
    github = editor_config(known, {**EDITOR_DEFAULTS, "repo": "org/site", "base_url": "https://auth.exemple.fr"})
    assert github["backend"]["open_authoring"] is True and github["backend"]["base_url"] == "https://auth.exemple.fr"


def test_the_committed_configuration_reads_as_yaml_and_names_each_region():
    config = yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
    regions = sorted(p.parent.name for p in (REPO / "regions").glob("*/region.yml"))
    assert sorted(f["name"] for f in config["collections"][0]["files"]) == regions
    assert len(config["collections"]) == 1 + 3 * len(regions)


# --- In Chromium, against the local backend ------------------------------------------------------

@pytest.fixture(scope="module")
def editor(tmp_path_factory, chromium):
    """A copy of the repository, its site built, decap-server writing into the copy."""
    project = copy_project(tmp_path_factory.mktemp("editor"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    with editor_backend(project, project / "site") as port, serve(project / "site") as url:
        yield project, url, port


def _open_editor(chromium, url: str, path: str, width: int = DESKTOP, errors: list | None = None):
    page = chromium.new_page(viewport={"width": width, "height": 900}, locale="fr-FR")
    page.set_default_timeout(TIMEOUT_MS)
    if errors is not None:
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
    outside: list[str] = []
    local = re.compile(r"^https?://(127\.0\.0\.1|localhost)(:\d+)?/")
    page.route(lambda address: not local.match(address), lambda route: (outside.append(route.request.url), route.abort()))
    page.goto(url + "admin/")
    page.get_by_role("button", name="Se connecter").click()
    page.goto(url + "admin/#/" + path)
    # « Publier » for a new entry, « Publiée » for one unchanged since it was read, « Enregistrer »
    # in the editorial workflow.
    ready = page.get_by_role("button", name=re.compile("^(Publi(er|ée)|Enregistrer)$"))
    expect(ready).to_be_visible(timeout=2 * TIMEOUT_MS)
    return page, outside


def _field(page, label: str):
    """The form fields labelled `label` (Decap adds « (optionnel) » to optional ones)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \(optionnel\))?$"))


def _front_matter(path) -> dict:
    """As `deffinov check` reads it (times and dates stay text)."""
    return parse_yaml(path.read_text(encoding="utf-8").split("---")[1]).data


def _publish(page) -> None:
    page.get_by_role("button", name="Publier", exact=True).click()
    page.get_by_text("Publier maintenant").click()


def _choose(page, label: str, option: str) -> None:
    _field(page, label).first.fill(option)
    page.keyboard.press("Enter")


def test_a_call_with_two_waves_in_tahiti_written_through_the_form_builds(editor, chromium):
    project, url, _ = editor
    page, outside = _open_editor(chromium, url, "collections/calls-polynesie-francaise/new")
    _field(page, "Titre").first.fill("Appel tiers-lieux Polynésie 2027")
    _field(page, "Résumé").fill("Deux vagues pour financer la formation dans les tiers-lieux de Polynésie.")
    add_wave = page.get_by_role("button", name=re.compile("Ajouter vagues", re.I))
    for index, (deadline, time) in enumerate((("2027-03-31", "12:00"), ("2027-06-30", "16:30"))):
        add_wave.click()
        _field(page, "Vague").nth(index).fill(f"Vague {index + 1}")
        _field(page, "Date limite").nth(index).fill(deadline)
        _field(page, "Heure limite").nth(index).fill(time)
    page.get_by_role("button", name=re.compile("Ajouter sources", re.I)).click()
    _field(page, "Titre").last.fill("Appel à projets publié par le Pays")
    _field(page, "Éditeur").fill("Pays de la Polynésie française")
    _field(page, "Dernière vérification").fill("2026-11-20")
    preview = page.frame_locator("iframe").first
    expect(preview.get_by_text("31 mars 2027 à 12\u00a0h\u00a000, heure de Tahiti (Pacific/Tahiti)", exact=False)).to_be_visible()
    _publish(page)
    written = project / "regions/polynesie-francaise/calls/appel-tiers-lieux-polynesie-2027.md"
    expect(page.get_by_text("Modifications enregistrées", exact=False).first).to_be_visible()
    assert written.is_file(), sorted(p.name for p in written.parent.glob("*")) if written.parent.exists() else "no folder"
    front = _front_matter(written)
    assert [(w["deadline"], w["time"]) for w in front["calendar"]["waves"]] == [("2027-03-31", "12:00"), ("2027-06-30", "16:30")]
    checked = deffinov_check(project)
    assert checked.returncode == 0, checked.stderr
    result = mkdocs_build(project, "--site-dir", str(project / "site-after"))  # the editor's site stays served
    assert result.returncode == 0, result.stderr
    built = (project / "site-after/appels/appel-tiers-lieux-polynesie-2027/index.html").read_text(encoding="utf-8")
    assert "Appel tiers-lieux Polynésie 2027" in built and "heure de\u00a0Tahiti" in built and "16\u00a0h\u00a030" in built
    assert outside == []
    page.close()


def test_a_resource_written_through_the_form_is_accepted(editor, chromium):
    project, url, _ = editor
    page, outside = _open_editor(chromium, url, "collections/resources-bretagne/new")
    _field(page, "Titre").first.fill("Découpeuse laser partagée")
    _choose(page, "Type", "équipement")
    _choose(page, "Proposé par", "La Fabrique du Coin")
    _field(page, "Résumé").fill("Une découpeuse laser, utilisable sur place après une initiation.")
    _choose(page, "Conditions d'accès", "Gratuit")
    _field(page, "Exemple").click()  # its provider is an example: so must it be (deffinov check)
    _field(page, "Mise à jour").fill("2026-11-20")
    preview = page.frame_locator("iframe").first
    expect(preview.get_by_text("Découpeuse laser partagée")).to_be_visible()
    _publish(page)
    written = project / "regions/bretagne/resources/decoupeuse-laser-partagee.md"
    expect(page.get_by_text("Modifications enregistrées", exact=False).first).to_be_visible()
    front = _front_matter(written)
    assert (front["type"], front["provider"], front["fees"], front["example"]) == (
        "equipement", "la-fabrique-du-coin", "Gratuit", "true")
    checked = deffinov_check(project)
    assert checked.returncode == 0, checked.stderr
    assert outside == []
    page.close()


def test_an_existing_call_with_uncertain_dates_amended_through_the_form_stays_valid(editor, chromium):
    """Amending a call keeps what the form does not show as edited: blocks of uncertain dates,
    times, lists; the file still passes the check."""
    project, url, _ = editor
    page, _ = _open_editor(chromium, url, "collections/calls-bourgogne-franche-comte/entries/aap-deffinov-bfc")
    expect(_field(page, "Date limite").first).to_have_value("2022-09-10")
    expect(page.get_by_role("checkbox", name="Année non confirmée").nth(1)).to_be_checked()
    _field(page, "Précisions sur le dépôt").fill("Un seul dossier par collectif.")
    _field(page, "Précisions sur le calendrier").fill("")  # cleared: left out, not an empty text
    _publish(page)
    written = project / "regions/bourgogne-franche-comte/calls/aap-deffinov-bfc.md"
    expect(page.get_by_text("Modifications enregistrées", exact=False).first).to_be_visible()
    front = _front_matter(written)
    assert front["application"]["note"] == "Un seul dossier par collectif."
    assert front["calendar"]["waves"][1] == {"label": "Vague 2", "deadline": {"date": "2022-10-05", "year_uncertain": "true"},
                                             "time": "19:00"}
    assert front["calendar"]["published"] == {"date": "2022-06-19", "year_uncertain": "true"}
    assert "note" not in front["calendar"]
    checked = deffinov_check(project)
    assert checked.returncode == 0, checked.stderr
    page.close()


def test_the_form_refuses_a_missing_title_and_a_bad_time_in_french(editor, chromium):
    project, url, _ = editor
    page, _ = _open_editor(chromium, url, "collections/calls-bretagne/new")
    _field(page, "Résumé").fill("Un appel sans titre.")
    page.get_by_role("button", name=re.compile("Ajouter vagues", re.I)).click()
    _field(page, "Heure limite").first.fill("25:00")
    _publish(page)
    expect(page.get_by_text(MESSAGES["time"]).first).to_be_visible()
    expect(page.get_by_text(re.compile(r"Titre est requis", re.I)).first).to_be_visible()
    assert sorted(p.name for p in (project / "regions/bretagne/calls").glob("*.md")) == ["deffinov-bretagne.md"]
    page.close()


def test_the_entry_editor_fits_a_phone(editor, chromium):
    """Decap lays its editor out for 800 pixels; editor.css stacks the form over the preview."""
    _, url, _ = editor
    page, _ = _open_editor(chromium, url, "collections/calls-polynesie-francaise/new", PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE
    title = _field(page, "Titre").first.bounding_box()
    assert title["x"] >= 0 and title["x"] + title["width"] <= PHONE and title["width"] > PHONE / 2
    page.close()


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_no_accessibility_violation_on_the_editors_page_and_preview(editor, chromium, width):
    _, url, _ = editor
    # The page as served, before Decap CMS fills it (its own interface is not ours to fix).
    page = chromium.new_page(viewport={"width": width, "height": 900})
    page.route("**/decap/decap-cms.js", lambda route: route.abort())
    page.goto(url + "admin/")
    violations = axe_violations(page)
    assert violations == [], violations
    page.close()
    # The preview of a call, in the site's look.
    page, _ = _open_editor(chromium, url, "collections/calls-polynesie-francaise/new", width)
    _field(page, "Titre").first.fill("Appel d'essai")
    frame = next(f for f in page.frames if f != page.main_frame)
    frame.wait_for_selector(".deffinov-editor-preview")
    violations = axe_violations(frame)
    assert violations == [], violations
    page.close()


def test_the_editor_works_under_the_readmes_policy_for_admin(editor, chromium):
    """The README's Content-Security-Policy for /admin/ (the forge's API replaced by the local
    backend): the form and the preview work, nothing is refused."""
    project, _, port = editor
    headers = editor_headers()
    headers["Content-Security-Policy"] = headers["Content-Security-Policy"].replace(
        "connect-src 'self'", f"connect-src 'self' http://localhost:{port}")
    errors: list[str] = []
    with serve(project / "site", headers) as url:
        page, outside = _open_editor(chromium, url, "collections/calls-polynesie-francaise/new", errors=errors)
        _field(page, "Titre").first.fill("Appel sous la politique")
        expect(page.frame_locator("iframe").first.get_by_text("Appel sous la politique")).to_be_visible()
        page.close()
    assert errors == [] and outside == []


def test_in_the_editorial_workflow_an_entry_saved_is_a_branch_for_review(tmp_path, chromium):
    """Decap's local git mode stands for the forge: « Enregistrer » commits the new call on a
    branch of its own, in French, and the main branch is untouched until the entry is published."""
    import subprocess

    project = copy_project(tmp_path / "project")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr

    def git(*args):
        return subprocess.run(["git", "-C", str(project), *args], capture_output=True, text=True, check=True).stdout

    (project / ".gitignore").write_text("site/\nsite-after/\n", encoding="utf-8")
    git("init", "-q", "-b", "main")
    git("config", "user.name", "Équipe de test")
    git("config", "user.email", "test@exemple.fr")
    git("add", "-A")
    git("commit", "-qm", "Contenu de départ")
    with editor_backend(project, project / "site", workflow=True), serve(project / "site") as url:
        page, outside = _open_editor(chromium, url, "collections/calls-polynesie-francaise/new")
        _field(page, "Titre").first.fill("Appel en relecture")
        _field(page, "Résumé").fill("Un appel proposé à la relecture.")
        page.get_by_role("button", name=re.compile("Ajouter sources", re.I)).click()
        _field(page, "Titre").last.fill("Délibération du Pays")
        _field(page, "Éditeur").fill("Pays de la Polynésie française")
        _field(page, "Dernière vérification").fill("2026-11-20")
        page.get_by_role("button", name="Enregistrer", exact=True).click()
        expect(page.get_by_role("button", name=re.compile("Statut.*Brouillon"))).to_be_visible()
        page.close()
    branch = "cms/calls-polynesie-francaise/appel-en-relecture"
    assert branch in git("branch", "--list", "cms/*")
    assert git("log", "-1", "--format=%s", branch).strip() == (
        "Ajout : Appel à projets (Polynésie française), « appel-en-relecture »")
    assert git("diff", "--name-only", "main", branch).split() == [
        "regions/polynesie-francaise/calls/appel-en-relecture.md"]
    assert not (project / "regions/polynesie-francaise/calls/appel-en-relecture.md").exists()
    assert outside == []


def test_a_public_build_without_the_editors_bundle_stops_with_the_command_to_run(monkeypatch, tmp_path):
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import Abort
    from mkdocs.structure.files import Files

    from generator.mkdocs import editor

    config = MkDocsConfig()
    config.load_dict({"site_name": "Essai", "docs_dir": str(tmp_path), "site_dir": str(tmp_path / "site")})
    config.validate()
    config.plugins._current_plugin = "deffinov"  # as while MkDocs runs the plugin's on_files
    assert editor.bundle_dir(tmp_path) == REPO / "node_modules/decap-cms/dist"  # the generator's own, for copies
    monkeypatch.setattr(editor, "bundle_dir", lambda root: None)
    with pytest.raises(Abort, match="make node_modules/.installed"):
        editor.add_files(Files([]), config, tmp_path, public=True)
    files = Files([])
    page, installed = editor.add_files(files, config, tmp_path, public=False)
    assert not installed and [f.src_uri for f in files] == ["admin/index.html"]


# The site's configuration lists the content's providers and calls, editors' text: libyaml writes
# it from the events Python's serializer makes (editorconfig.as_yaml). Its text may differ from
# Python's emitter's (libyaml writes characters beyond the BMP as they are, Python escapes them):
# what a reader gets back may not.
from hypothesis import given, strategies as st  # noqa: E402

from generator.content.editorconfig import NOTICE, as_yaml  # noqa: E402

_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
_KEY = st.from_regex(r"[a-z_]{1,12}", fullmatch=True)  # the configuration's keys are Decap's names, not content
_VALUE = st.recursive(st.none() | st.booleans() | st.integers() | _TEXT,
                      lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEY, inner, max_size=4),
                      max_leaves=20)
_FIELDS = st.lists(st.dictionaries(_KEY, _VALUE, min_size=1, max_size=4), min_size=1, max_size=3)


@given(head=_VALUE, forms=st.lists(_FIELDS, min_size=4, max_size=4))
def test_the_sites_configuration_reads_back_whole_with_its_lists_of_fields_named(head, forms):
    # As editor_config shares them: each kind's list of fields named by two collections.
    config = {"head": head, "collections": [{"name": str(n), "fields": fields} for fields in forms for n in (1, 2)]}
    text = as_yaml(config)
    assert text.startswith(NOTICE)
    assert yaml.safe_load(text) == config
    assert [line.split("&")[-1] for line in text.splitlines() if line.endswith(("&champs-region", "&champs-call",
            "&champs-resource", "&champs-provider"))] == ["champs-region", "champs-call", "champs-resource",
                                                          "champs-provider"]
