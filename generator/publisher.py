"""Who publishes the site: the details the legal pages show, which a public site may not leave blank.

The sample `mkdocs.yml` fills each field with a bracketed placeholder ("[Nom de l'organisme…]"),
fine for a local preview. A build for a public address (`site_url`) must not put those online.
"""

from __future__ import annotations

from collections.abc import Mapping

# What each field of the `publisher` section holds, as the fix to ask for.
FIELDS = {
    "name": "le nom de l'organisme qui publie le site",
    "address": "l'adresse postale de l'organisme",
    "director": "le nom et la fonction du directeur ou de la directrice de la publication",
    "email": "une adresse électronique de contact",
    "host_name": "le nom de l'hébergeur du site",
    "host_address": "l'adresse et le téléphone de l'hébergeur",
    "accessibility_contact": "l'adresse électronique où signaler un défaut d'accessibilité",
    "data_protection_contact": "l'adresse du délégué à la protection des données",
}


def missing_fields(publisher: Mapping[str, str | None], config_file: str = "mkdocs.yml") -> list[str]:
    """One French message per field still empty or a bracketed placeholder, in the file's order."""
    messages = []
    for field, wanted in FIELDS.items():
        value = (publisher.get(field) or "").strip()
        if not value:
            found = "non renseigné"
        elif value.startswith("["):
            found = f"« {value} » est un exemple à remplacer"
        else:
            continue
        messages.append(f"{config_file}, rubrique publisher, champ « {field} » : {found} ; indiquez {wanted}.")
    return messages


def going_live_report(site_url: str, messages: list[str]) -> str:
    lines = "\n".join(f"  - {message}" for message in messages)
    return (
        f"Le site est construit pour être mis en ligne à l'adresse {site_url} (site_url), mais les "
        "coordonnées de l'éditeur, affichées sur les pages légales, ne sont pas toutes renseignées :\n"
        f"{lines}\n"
        "Complétez-les dans la rubrique publisher de l'extension deffinov, ou retirez site_url pour "
        "un simple aperçu local."
    )
