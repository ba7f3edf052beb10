"""The kinds of content file editors write: which model each follows, where it lives, its French name.

One list for everything that speaks of content files as a whole: the JSON Schemas, the files
`deffinov new` creates, the field reference of the contributor guide, the editor settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from .call import Call
from .loading import CALLS_DIR, CONTENT_DIR, PROGRAMME_FILE, PROVIDERS_DIR, REGION_FILE, REGIONS_DIR, RESOURCES_DIR
from .programme import Programme
from .provider import Provider
from .region import Region
from .resource import Resource


SCHEMAS_DIR = "schemas"  # where the JSON Schemas are: at the repository's root, and on the site


@dataclass(frozen=True)
class Kind:
    name: str  # English word of the CLI and of the schema's file name: "call"
    model: type[BaseModel]
    title: str  # French name: "Appel à projets"
    description: str  # what such a file describes, in French
    folder: str | None  # folder inside a region: "calls"; None for the region's own file
    suffix: str  # ".md" (YAML front matter, then a Markdown body) or ".yml"
    body: str | None = None  # what the Markdown body holds, in French, for ".md" kinds
    single: str | None = None  # the one file of a kind that is not in regions/: `content/programme.yml`

    @property
    def pattern(self) -> str:
        """Where such files live, as editors read it: `regions/<région>/calls/<identifiant>.md`."""
        if self.single:
            return self.single
        if self.folder is None:
            return f"{REGIONS_DIR}/<région>/{REGION_FILE}"
        return f"{REGIONS_DIR}/<région>/{self.folder}/<identifiant>{self.suffix}"

    @property
    def glob(self) -> str:
        """The same as a glob, relative to the repository: `regions/*/calls/*.md`."""
        if self.single:
            return self.single
        if self.folder is None:
            return f"{REGIONS_DIR}/*/{REGION_FILE}"
        return f"{REGIONS_DIR}/*/{self.folder}/*{self.suffix}"

    def folder_path(self, region: str) -> str:
        """The folder of one region holding files of this kind: `regions/bretagne/calls`."""
        return f"{REGIONS_DIR}/{region}/{self.folder}"

    def path(self, region: str, identifier: str | None = None) -> str:
        """The repository-relative path of one file of this kind."""
        if self.folder is None:
            return f"{REGIONS_DIR}/{region}/{REGION_FILE}"
        return f"{REGIONS_DIR}/{region}/{self.folder}/{identifier}{self.suffix}"

    @property
    def schema_path(self) -> str:
        """The JSON Schema's path, in the repository and on the site: `schemas/call.schema.json`."""
        return f"{SCHEMAS_DIR}/{self.name}.schema.json"


REGION = Kind(
    "region", Region, "Région ou territoire",
    "Une région ou un territoire d'outre-mer : nom, code officiel, fuseau horaire, qui porte d'ordinaire ses appels.",
    None, ".yml",
)
CALL = Kind(
    "call", Call, "Appel à projets",
    "Un appel à projets : les champs YAML en tête du fichier, entre deux lignes « --- », avant sa présentation.",
    CALLS_DIR, ".md", body="présentation de l'appel, en Markdown",
)
RESOURCE = Kind(
    "resource", Resource, "Ressource du catalogue",
    "Une ressource mise en commun, dans la région où l'on peut l'utiliser ou l'emprunter : les champs YAML "
    "en tête du fichier, avant sa présentation.",
    RESOURCES_DIR, ".md", body="présentation de la ressource, en Markdown",
)
PROVIDER = Kind(
    "provider", Provider, "Lieu ou collectif",
    "Un tiers-lieu ou un collectif qui propose des ressources.",
    PROVIDERS_DIR, ".yml",
)

# Not one of KINDS: there is one programme file, which `deffinov new` does not create and the
# contributor guide's reference of region files does not describe; its JSON Schema is committed.
PROGRAMME = Kind(
    "programme", Programme, "Programme national",
    "La page du programme national : chaque fait avec les sources qui le disent, chaque source avec son adresse "
    "et sa date de vérification.",
    None, ".yml", single=f"{CONTENT_DIR}/{PROGRAMME_FILE}",
)

KINDS = (REGION, CALL, RESOURCE, PROVIDER)
BY_NAME = {kind.name: kind for kind in KINDS}
