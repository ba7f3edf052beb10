"""A region or overseas territory: `regions/<slug>/region.yml`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from .fields import LabelledEnum, Model, PastDate, ShortText, Source, Text, TimeZoneName, coded


class RegionCategory(LabelledEnum):
    METROPOLE = "metropole"
    OVERSEAS_REGION = "overseas_region"
    OVERSEAS_COLLECTIVITY = "overseas_collectivity"

    @classmethod
    def _labels(cls):
        return {
            "metropole": "Région métropolitaine",
            "overseas_region": "Région ou département d'outre-mer",
            "overseas_collectivity": "Collectivité d'outre-mer",
        }

    @property
    def plural_label(self) -> str:
        return {
            "metropole": "Régions métropolitaines",
            "overseas_region": "Régions et départements d'outre-mer",
            "overseas_collectivity": "Collectivités d'outre-mer",
        }[self.value]


class Region(Model):
    name: ShortText = Field(examples=["Bretagne"], title="Nom", description="Nom officiel de la région ou du territoire")
    insee_code: coded(r"^\d{2,3}$") = Field(
        examples=["53"], title="Code officiel (INSEE)",
        description="Code officiel géographique de l'INSEE, en deux ou trois chiffres",
    )
    category: RegionCategory = Field(title="Type de territoire", description="Type de territoire")
    timezone: TimeZoneName = Field(
        examples=["Europe/Paris"], title="Fuseau horaire des dates limites",
        description="Fuseau horaire IANA des dates limites, par exemple Europe/Paris",
    )
    call_owner: ShortText = Field(
        examples=["Conseil régional"], title="Collectivité compétente", description="Qui exerce la compétence régionale et porte d'ordinaire les appels"
    )
    summary: Text | None = Field(None, examples=["La région publie un appel DEFFINOV par an, en deux vagues."], title="Présentation", description="Présentation courte du territoire et de ses appels")
    notes: list[Text] = Field([], examples=[["Trois lauréats ont été retenus en 2023 ; l'appel qui les a choisis n'est pas documenté."]], title="Ce que l'on sait", description="Faits connus sans appel publié, une phrase par élément")
    sources: list[Source] = Field([], title="Sources", description="Sources des faits cités")
    last_checked: PastDate | None = Field(None, examples=["2027-01-20"], title="Informations vérifiées le", description="Date de dernière vérification, au format AAAA-MM-JJ")
