"""Rules on providers and resources across files: known provider and call, unique ids, places, and
example entries kept apart from real ones (an example is never shown as, nor tied to, a real offer)."""

from __future__ import annotations

from ..entries import ProviderEntry, ResourceEntry, SiteModel
from ..errors import ContentError, field_path
from ..geography import contains, departements
from ..messages import did_you_mean
from .ids import unique_ids


def _error(entry, loc: tuple, message: str) -> ContentError:
    return ContentError(entry.path, entry.positions.line_of(loc), field_path(loc), message)


def check_catalog(site: SiteModel, refused_calls: set[str] = frozenset(),
                  refused_providers: set[str] = frozenset()) -> list[ContentError]:
    providers = {provider.id for provider in site.providers}
    example_providers = {provider.id for provider in site.providers if provider.data.example}
    calls = {call.id for call in site.calls}
    codes = {region.slug: region.data.insee_code for region in site.regions}
    errors = [
        *unique_ids(site.providers, "de lieu ou collectif", "deux fiches", "Renommez l'un des fichiers."),
        *unique_ids(site.resources, "de ressource", "deux fiches", "Renommez l'un des fichiers."),
    ]
    for provider in site.providers:
        errors.extend(_check_place(provider, ("place",), provider.data.place, codes))
    for resource in site.resources:
        data = resource.data
        if data.provider not in providers and data.provider not in refused_providers:
            errors.append(_error(resource, ("provider",),
                f"lieu ou collectif inconnu « {data.provider} ».{did_you_mean(data.provider, providers)} "
                "Écrivez le nom d'un fichier de "
                "regions/<région>/providers/ sans .yml, ou créez la fiche du lieu."))
        if data.funded_by and data.funded_by not in calls and data.funded_by not in refused_calls:
            errors.append(_error(resource, ("funded_by",),
                f"appel à projets inconnu « {data.funded_by} ».{did_you_mean(data.funded_by, calls)} "
                "Écrivez le nom d'un fichier de "
                "regions/<région>/calls/ sans .md, ou retirez la ligne."))
        if data.provider in providers and data.example != (data.provider in example_providers):
            errors.append(_error(resource, ("example",), EXAMPLE_MIX[data.example].format(provider=data.provider)))
        if data.example and data.funded_by:
            errors.append(_error(resource, ("funded_by",),
                f"une fiche d'exemple ne peut pas se dire financée par un appel réel : la page de l'appel « {data.funded_by} » "
                "la listerait parmi ses ressources financées. Retirez la ligne funded_by, ou, si la ressource est "
                "réelle, retirez example: true."))
        if data.place:
            errors.extend(_check_place(resource, ("place",), data.place, codes))
    return errors


# What is wrong when a resource and its provider disagree on `example`, by the resource's value.
EXAMPLE_MIX = {
    True: ("fiche d'exemple proposée par un lieu réel (« {provider} », sans example: true) : le site montrerait une "
           "offre inventée sous le nom d'un vrai lieu. Retirez example: true si la ressource est réelle, ou rattachez "
           "la fiche à un lieu d'exemple."),
    False: ("ressource réelle proposée par une fiche d'exemple (« {provider} », example: true) : elle disparaîtrait avec "
            "les exemples (réglage catalog_examples: false) et le lieu affiché n'existe pas. Rattachez-la à la fiche "
            "d'un vrai lieu, ou marquez-la example: true."),
}


def _check_place(entry: ProviderEntry | ResourceEntry, loc: tuple, place, codes: dict[str, str]) -> list[ContentError]:
    errors = _check_departement(entry, loc, place)
    if place.latitude is None or place.longitude is None:
        return errors
    inside = contains(codes.get(entry.region, ""), place.latitude, place.longitude)
    if inside is not False:
        return errors
    return [*errors, _error(entry, (*loc, "latitude"),
        f"le point ({place.latitude}, {place.longitude}) est hors de la région du dossier ({entry.region}). "
        "Vérifiez la latitude et la longitude (ne les inversez pas) ou le dossier du fichier.")]


def _check_departement(entry: ProviderEntry | ResourceEntry, loc: tuple, place) -> list[ContentError]:
    """A commune's code must lead to a département or overseas collectivity the site can name."""
    code = place.departement
    if code is None or code in departements():
        return []
    if place.insee_code:
        return [_error(entry, (*loc, "insee_code"),
            f"code INSEE « {place.insee_code} » inconnu : aucun département ni collectivité d'outre-mer n'a le code "
            f"« {code} ». Le code INSEE d'une commune commence par celui de son département (2A ou 2B en Corse, "
            "trois chiffres outre-mer), par exemple 35238 pour Rennes ou 2A004 pour Ajaccio ; vérifiez-le, "
            "ou retirez la ligne.")]
    return [_error(entry, (*loc, "postal_code"),
        f"code postal « {place.postal_code} » inconnu : il ne mène à aucun département ni collectivité "
        f"d'outre-mer (« {code} »). Écrivez le code postal de la commune, par exemple 35000 pour Rennes, "
        "ou retirez la ligne.")]
