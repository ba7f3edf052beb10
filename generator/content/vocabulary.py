"""Shared vocabulary of the catalog: places, audiences, fees, as French public schemas name them.

- Fees (`frais_a_charge`) and a place's address, INSEE code, coordinates and opening hours come
  from the "lieux de médiation numérique" schema (LaMednum/standard-mediation-num); opening hours
  (`horaires`) are in OpenStreetMap's syntax, checked by its parser (opening-hours-py); its fee
  values are kept as they are: `Gratuit`, `Gratuit sous condition`, `Payant`. Two conditions of
  access it does not name are added: `Sous convention`, `Réservé aux membres`.
- Audiences use data.inclusion's "publics" identifiers.
- A training domain may carry its Formacode code.
"""

from __future__ import annotations

import re
from typing import Annotated

from opening_hours import OpeningHours, ParserError
from pydantic import AfterValidator, Field

from .fields import LINE, ONE_LINE, LabelledEnum, Model, ShortText, coded
from .geography import departement_code


class Fees(LabelledEnum):
    FREE = "Gratuit"
    FREE_UNDER_CONDITIONS = "Gratuit sous condition"
    PAID = "Payant"
    UNDER_AGREEMENT = "Sous convention"
    MEMBERS_ONLY = "Réservé aux membres"

    @classmethod
    def _labels(cls):
        return {member.value: member.value.lower() for member in cls}


class Audience(LabelledEnum):
    ALL = "tous-publics"
    JOBSEEKERS = "demandeurs-emploi"
    YOUNG = "jeunes-16-26"
    STUDENTS = "etudiants"
    APPRENTICES = "alternants"
    EMPLOYEES = "salaries"
    TRAINERS = "formateurs"
    DISABLED = "personnes-en-situation-de-handicap"
    RSA = "beneficiaires-rsa"
    LOW_QUALIFIED = "faible-niveau-de-qualification"
    SENIORS = "seniors-65"

    @classmethod
    def _labels(cls):
        return {
            "tous-publics": "tous publics",
            "demandeurs-emploi": "demandeurs d'emploi",
            "jeunes-16-26": "jeunes de 16 à 26 ans",
            "etudiants": "étudiants",
            "alternants": "apprentis et alternants",
            "salaries": "salariés",
            "formateurs": "formateurs et formatrices",
            "personnes-en-situation-de-handicap": "personnes en situation de handicap",
            "beneficiaires-rsa": "allocataires du RSA",
            "faible-niveau-de-qualification": "personnes peu qualifiées",
            "seniors-65": "personnes de plus de 65 ans",
        }


class Delivery(LabelledEnum):
    ON_SITE = "sur-place"
    REMOTE = "a-distance"
    BOTH = "sur-place-et-a-distance"

    @classmethod
    def _labels(cls):
        return {"sur-place": "sur place", "a-distance": "à distance", "sur-place-et-a-distance": "sur place ou à distance"}


_POSITION = re.compile(r"--> 1:(\d+)")


def _check_opening_hours(value: str) -> str:
    """Opening hours the OpenStreetMap parser reads, or a French error saying where it stopped."""
    try:
        OpeningHours(value)
    except (ParserError, SyntaxError, ValueError) as exc:
        found = _POSITION.search(str(exc))
        column = int(found.group(1)) if found else 0
        rest = value[column - 1:].split(" ")[0] if column else ""  # the word it could not read
        where = (f" : « {rest} » (caractère {column}) n'y a pas de sens" if rest
                 else " : la valeur s'arrête avant la fin d'une règle" if column else "")
        raise ValueError(
            f"horaires « {value} » illisibles au format OpenStreetMap{where}. Écrivez les jours en abrégé "
            "anglais (Mo, Tu, We, Th, Fr, Sa, Su), les heures en HH:MM et les règles séparées par « ; », "
            "par exemple Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00 ; ou retirez la ligne"
        ) from None
    return value


# Opening hours in OpenStreetMap's syntax (the public schema's `horaires`), on one line.
OsmOpeningHours = Annotated[str, Field(min_length=1, max_length=300, pattern=ONE_LINE), AfterValidator(_check_opening_hours), LINE]
PostalCode = coded(r"^\d{5}$")
InseeCommune = coded(r"^(\d{5}|2[AB]\d{3})$")
Latitude = Annotated[float, Field(ge=-90, le=90)]
Longitude = Annotated[float, Field(ge=-180, le=180)]


class Place(Model):
    """Where a provider or a resource is; names as in the "lieux de médiation numérique" schema."""

    street: ShortText | None = Field(None, examples=["12 rue des Ateliers"], title="Adresse", description="Numéro et voie (schéma : adresse)", json_schema_extra={"public_name": "adresse"})
    postal_code: PostalCode | None = Field(None, examples=["35000"], title="Code postal", description="Code postal, cinq chiffres (schéma : code_postal)", json_schema_extra={"public_name": "code_postal"})
    city: ShortText = Field(examples=["Rennes"], title="Commune", description="Nom de la commune (schéma : commune)", json_schema_extra={"public_name": "commune"})
    insee_code: InseeCommune | None = Field(None, examples=["35238"], title="Code INSEE de la commune", description="Code officiel de la commune, cinq caractères (schéma : code_insee)", json_schema_extra={"public_name": "code_insee"})
    latitude: Latitude | None = Field(None, examples=[48.1113], title="Latitude", description="Latitude en degrés décimaux, par exemple 48.1113 (schéma : latitude)", json_schema_extra={"public_name": "latitude"})
    longitude: Longitude | None = Field(None, examples=[-1.68], title="Longitude", description="Longitude en degrés décimaux, par exemple -1.6800 (schéma : longitude)", json_schema_extra={"public_name": "longitude"})

    @property
    def departement(self) -> str | None:
        """The code of its département or overseas collectivity (`35`, `2A`, `987`): from the INSEE
        code, else from the postal code; None without either."""
        return departement_code(self.insee_code, self.postal_code)
