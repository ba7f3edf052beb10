"""A provider of pooled resources, a tiers-lieu or a collective: `regions/<slug>/providers/<id>.yml`."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from .call import Contact
from .vocabulary import OsmOpeningHours, Place
from .fields import LabelledEnum, Model, PastDate, ShortText, Text, WebAddress


class ProviderKind(LabelledEnum):
    TIERS_LIEU = "tiers-lieu"
    COLLECTIVE = "collectif"

    @classmethod
    def _labels(cls):
        return {"tiers-lieu": "tiers-lieu", "collectif": "collectif d'acteurs de la formation et des tiers-lieux"}


class Provider(Model):
    name: ShortText = Field(examples=["La Fabrique du Coin"], title="Nom", description="Nom du tiers-lieu ou du collectif", json_schema_extra={"public_name": "nom"})
    kind: ProviderKind = Field(title="Nature", description="Nature du fournisseur")
    summary: Text = Field(examples=["Tiers-lieu rural avec atelier de fabrication numérique et salle de formation."], title="Présentation", description="Deux ou trois phrases sur le lieu ou le collectif")
    place: Place = Field(title="Adresse", description="Où se trouve le lieu, ou le siège du collectif")
    opening_hours: OsmOpeningHours | None = Field(None, examples=["Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00"], title="Horaires", description="Horaires d'ouverture au format OpenStreetMap, par exemple Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00 (schéma : horaires) ; le site les écrit en français", json_schema_extra={"public_name": "horaires"})
    website: WebAddress | None = Field(None, examples=["https://exemple.fr"], title="Site web", description="Adresse du site du lieu ou du collectif", json_schema_extra={"public_name": "site_web"})
    contact: Contact | None = Field(None, title="Contact", description="Qui contacter")
    example: bool = Field(False, title="Exemple", description="true pour une fiche d'exemple, masquable par un réglage")
    last_updated: PastDate = Field(examples=["2027-01-20"], title="Mise à jour", description="Date de dernière mise à jour de la fiche, au format AAAA-MM-JJ", json_schema_extra={"public_name": "date_maj"})
