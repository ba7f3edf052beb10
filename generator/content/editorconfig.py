"""The browser editor's configuration (Decap CMS's `config.yml`, served at /admin/config.yml).

Its collections follow the content's layout (kinds.py): the regions' own files; for each region,
its calls, its resources and its providers, each a folder of `regions/<région>/`; every form is
generated from the model (editorforms.py). The forge and how editors sign in come from the
`editor` section of the plugin's options in mkdocs.yml (settings.py): GitHub through an OAuth
proxy, GitLab with PKCE; each edit is a branch and a pull or merge request (editorial workflow),
and on GitHub people without write access propose theirs from a fork (open authoring).

Two versions, as for the JSON Schemas: the committed `content/admin/config.yml` knows the
regions only (`deffinov generate`, kept in step by a test); the site's knows the providers and
calls of the content it was built from, offered as choices.
"""

from __future__ import annotations

import copy

import yaml

from .editorforms import form_fields
from .jsonschemas import Known
from .kinds import CALL, PROVIDER, REGION, RESOURCE, Kind

CONFIG_URI = "admin/config.yml"  # in the editorial pages' folder, and on the site
LOCAL_PROXY = "http://localhost:8081/api/v1"  # decap-server's address (README, « Modifier dans le navigateur »)
BODY_FIELD = {"name": "body", "widget": "markdown", "required": False,
              "buttons": ["bold", "italic", "link", "heading-two", "heading-three", "bulleted-list", "numbered-list", "quote"],
              "editor_components": [], "modes": ["rich_text", "raw"]}
BODY_HINT = ("Le texte de la page, après les champs : titres, listes et liens ; ni image ni HTML "
             "(les balises sont retirées à la publication).")
PLURALS = {CALL.name: "appels à projets", RESOURCE.name: "ressources du catalogue", PROVIDER.name: "lieux et collectifs"}
# Commit messages and pull or merge request titles, in French (Decap's templates).
COMMIT_MESSAGES = {
    "create": "Ajout : {{collection}}, « {{slug}} »",
    "update": "Modification : {{collection}}, « {{slug}} »",
    "delete": "Suppression : {{collection}}, « {{slug}} »",
    "uploadMedia": "Ajout du fichier « {{path}} »",
    "deleteMedia": "Suppression du fichier « {{path}} »",
    "openAuthoring": "{{message}} (proposé par {{author-login}})",
}
NOTICE = ("# Configuration de l'éditeur en ligne (/admin/), générée depuis le modèle et mkdocs.yml (rubrique editor)\n"
          "# par « deffinov generate » : ne pas modifier à la main. Le site publie la même, avec la liste des lieux\n"
          "# et des appels du contenu en plus.\n")


def editor_config(known: Known, editor: dict) -> dict:
    """Decap CMS's configuration: the forge, the workflow, and one collection per kind and region
    (`known.regions`, in their order)."""
    # One list of fields per kind, shared by its collections: written once in the file (a YAML
    # anchor), then named by each region's collection.
    forms = {kind.name: _with_body(kind, form_fields(kind, known)) for kind in (REGION, CALL, RESOURCE, PROVIDER)}
    collections = [_regions(known, forms[REGION.name])]
    for slug, name in known.regions.items():
        collections += [_folder(kind, slug, name, forms[kind.name]) for kind in (CALL, RESOURCE, PROVIDER)]
    return {
        "backend": _backend(editor),
        "publish_mode": "editorial_workflow",
        "local_backend": {"url": LOCAL_PROXY},
        "locale": "fr",
        "site_url": "/",
        "media_folder": "content/fichiers",
        "public_folder": "/fichiers",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }


class _Events(yaml.serializer.Serializer, yaml.representer.SafeRepresenter, yaml.resolver.Resolver):
    """The configuration as YAML events, kept: Python's serializer, which names the shared lists
    of fields after their kind (`&champs-call`) rather than `&id001`. Written out by libyaml
    (`as_yaml`): with the content's providers and calls as choices, the site's file holds tens of
    thousands of values, which Python's emitter took seconds of a build to write."""

    def __init__(self, kinds: list[str]):
        yaml.serializer.Serializer.__init__(self)
        yaml.representer.SafeRepresenter.__init__(self, default_flow_style=False, sort_keys=False)
        yaml.resolver.Resolver.__init__(self)
        self.kinds = kinds  # in the order the lists first appear in the file
        self.events: list[yaml.Event] = []

    def emit(self, event: yaml.Event) -> None:
        self.events.append(event)

    def generate_anchor(self, node) -> str:
        return f"champs-{self.kinds.pop(0)}"


def as_yaml(config: dict) -> str:
    """The configuration as written to a file: readable, and identical from one run to the next."""
    # libyaml where PyYAML was built with it (its wheels are), else Python's emitter: the same
    # values read back (the same text but for characters beyond the BMP, which Python escapes).
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return NOTICE + yaml.emit(_yaml_events(config), Dumper=dumper, allow_unicode=True, width=120)


def _yaml_events(config: dict) -> list[yaml.Event]:
    """What `as_yaml` writes, as YAML events."""
    events = _Events([REGION.name, CALL.name, RESOURCE.name, PROVIDER.name])
    events.open()
    events.serialize(events.represent_data(config))
    events.close()
    return events.events


def _backend(editor: dict) -> dict:
    backend = {"name": editor["backend"], "repo": editor["repo"] or "organisation/depot", "branch": editor["branch"],
               "commit_messages": COMMIT_MESSAGES}
    if editor["backend"] == "gitlab":
        backend["auth_type"] = "pkce"
        backend["app_id"] = editor["app_id"] or "identifiant-de-l-application-gitlab"
    else:
        backend["open_authoring"] = bool(editor["open_authoring"])
    for key in ("base_url", "auth_endpoint", "api_root"):
        if editor[key]:
            backend[key] = editor[key]
    return backend


def _regions(known: Known, fields: list[dict]) -> dict:
    return {
        "name": "regions", "label": "Régions et territoires", "label_singular": "Région ou territoire",
        "description": REGION.description, "extension": "yml", "format": "yml", "editor": {"preview": False},
        "files": [{"name": slug, "label": name, "file": REGION.path(slug), "fields": fields}
                  for slug, name in known.regions.items()],
    }


def _with_body(kind: Kind, fields: list[dict]) -> list[dict]:
    """A Markdown kind's fields, then its body: the text of the page."""
    if kind.suffix != ".md":
        return fields
    return fields + [{**copy.deepcopy(BODY_FIELD), "label": kind.body[0].upper() + kind.body[1:], "hint": BODY_HINT}]


def _folder(kind: Kind, slug: str, region: str, fields: list[dict]) -> dict:
    markdown = kind.suffix == ".md"
    collection = {
        "name": f"{kind.folder}-{slug}", "label": f"{region} : {PLURALS[kind.name]}",
        "label_singular": f"{kind.title} ({region})", "description": kind.description,
        "folder": kind.folder_path(slug), "create": True,
        "extension": kind.suffix.lstrip("."), "format": "frontmatter" if markdown else "yml",
        "identifier_field": fields[0]["name"], "slug": "{{slug}}", "summary": "{{%s}}" % fields[0]["name"],
        "fields": fields,
    }
    if kind is not CALL:
        collection["editor"] = {"preview": kind is RESOURCE}
    return collection

