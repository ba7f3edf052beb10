"""A pooled pedagogical resource: the front matter of `regions/<slug>/resources/<id>.md`.

The region folder is where the resource can be used or borrowed; its provider may sit elsewhere.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from .call import Contact
from .vocabulary import Audience, Delivery, Fees, Place
from .fields import LabelledEnum, Model, PastDate, ShortText, Slug, Summary, Text, coded, WebAddress


class ResourceType(LabelledEnum):
    EQUIPMENT = "equipement"
    IMMERSIVE_MODULE = "module-immersif"
    DIGITAL_MODULE = "module-numerique"
    SOFTWARE = "logiciel"
    SPACE = "espace"
    EXPERTISE = "expertise"
    METHOD = "methode"

    @classmethod
    def _labels(cls):
        return {
            "equipement": "équipement",
            "module-immersif": "module de formation immersif",
            "module-numerique": "module de formation numérique",
            "logiciel": "logiciel",
            "espace": "espace",
            "expertise": "expertise",
            "methode": "méthode ou guide",
        }

    @property
    def plural_label(self) -> str:
        return {
            "equipement": "Équipements", "module-immersif": "Modules immersifs", "module-numerique": "Modules numériques",
            "logiciel": "Logiciels", "espace": "Espaces", "expertise": "Expertises", "methode": "Méthodes et guides",
        }[self.value]


class Domain(Model):
    label: ShortText = Field(examples=["Fabrication additive"], title="Domaine", description="Métier ou domaine de formation, en clair")
    formacode: coded(r"^\d{5}$") | None = Field(None, examples=["31054"], title="Formacode", description="Code Formacode du domaine, cinq chiffres, s'il est connu")


class Booking(Model):
    url: WebAddress | None = Field(None, examples=["https://exemple.fr/reserver"], title="Réserver en ligne", description="Adresse de l'outil de réservation ou du formulaire de demande")
    contact: Contact | None = Field(None, title="Contact", description="Qui contacter pour réserver ou demander")
    note: Text | None = Field(None, examples=["Demande par courriel au moins deux semaines à l'avance."], title="Comment réserver", description="Délai, conditions, pièces à fournir")


class Accessibility(Model):
    step_free: bool | None = Field(None, title="Accès de plain-pied", description="true si l'accès se fait de plain-pied ou par une rampe (acceslibre : entree_plain_pied)", json_schema_extra={"public_name": "entree_plain_pied"})
    note: Text | None = Field(None, examples=["Ascenseur et place de stationnement réservée devant l'entrée."], title="Précisions sur l'accessibilité", description="Ascenseur, stationnement, accompagnement possible…")


class Resource(Model):
    title: ShortText = Field(examples=["Imprimante 3D grand format"], title="Titre", description="Nom de la ressource")
    type: ResourceType = Field(title="Type", description="Type de ressource")
    provider: Slug = Field(examples=["la-fabrique-du-coin"], title="Proposé par", description="Identifiant du lieu ou du collectif : nom du fichier dans providers/, sans .yml")
    summary: Summary = Field(examples=["Une imprimante 3D grand format, utilisable sur place après une initiation."], title="Résumé", description="Deux ou trois phrases : ce que c'est et à quoi cela sert")
    place: Place | None = Field(None, title="Lieu", description="Où l'utiliser ou l'emprunter, si ce n'est pas l'adresse du fournisseur")
    audiences: list[Audience] = Field([], title="Publics", description="Publics visés (identifiants data.inclusion), un par ligne")
    domains: list[Domain] = Field([], title="Domaines de formation", description="Métiers ou domaines de formation, un par ligne")
    fees: Fees = Field(title="Conditions d'accès", description="Conditions d'accès, valeurs du schéma des lieux de médiation numérique", json_schema_extra={"public_name": "frais_a_charge"})
    fee_details: Text | None = Field(None, examples=["Prêt gratuit aux organismes membres du collectif ; 20 € la demi-journée sinon."], title="Coût et conditions", description="Tarif, conditions, convention à signer")
    delivery: Delivery = Field(Delivery.ON_SITE, title="Sur place ou à distance", description="Utilisation sur place ou à distance")
    booking: Booking = Field(Booking(), title="Réserver ou demander", description="Comment réserver ou demander la ressource")
    formats: list[ShortText] = Field([], examples=[["SCORM", "PDF"]], title="Formats", description="Pour une ressource numérique : formats, par exemple SCORM, HTML5, PDF")
    licence: ShortText | None = Field(None, examples=["CC BY-SA 4.0"], title="Licence", description="Pour une ressource numérique : sa licence, par exemple CC BY-SA 4.0")
    accessibility: Accessibility = Field(Accessibility(), title="Accessibilité", description="Accessibilité physique du lieu")
    funded_by: Slug | None = Field(None, examples=["deffinov-bretagne"], title="Financée par l'appel", description="Identifiant de l'appel à projets qui l'a financée : nom de son fichier, sans .md")
    example: bool = Field(False, title="Exemple", description="true pour une fiche d'exemple, masquable par un réglage")
    last_updated: PastDate = Field(examples=["2027-01-20"], title="Mise à jour", description="Date de dernière mise à jour de la fiche, au format AAAA-MM-JJ", json_schema_extra={"public_name": "date_maj"})
