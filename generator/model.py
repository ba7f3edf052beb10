"""The typed content model: regions and calls for projects, as editors write them.

This module is the single source of truth for fields: the loader validates against it, and
its French descriptions feed error messages (and, later, the editors' JSON Schema and the
field reference). It knows nothing of files or MkDocs.
"""

from __future__ import annotations

import re
import datetime as dt
from enum import StrEnum
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, HttpUrl

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_RE = re.compile(SLUG_PATTERN)


class Model(BaseModel):
    """Base of every content model: unknown keys are errors, a typo must not drop a value."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


def _check_timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"fuseau horaire inconnu « {value} ». Attendu : un nom IANA comme "
            "Europe/Paris, America/Cayenne ou Indian/Reunion"
        ) from None
    return value


Text = Annotated[str, Field(min_length=1, max_length=5000)]
ShortText = Annotated[str, Field(min_length=1, max_length=300)]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=80)]
TimeZoneName = Annotated[str, AfterValidator(_check_timezone)]
Euros = Annotated[int, Field(ge=0, le=1_000_000_000)]
Percent = Annotated[int, Field(ge=0, le=100)]
Months = Annotated[int, Field(ge=1, le=240)]


class LabelledEnum(StrEnum):
    """An enumeration whose members carry the French label shown to readers."""

    @property
    def label(self) -> str:
        return self._labels()[self.value]

    @classmethod
    def _labels(cls) -> dict[str, str]:
        raise NotImplementedError


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


class CallState(LabelledEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    CANCELLED = "cancelled"
    CLOSED = "closed"

    @classmethod
    def _labels(cls):
        return {
            "active": "en cours selon son calendrier",
            "suspended": "suspendu",
            "cancelled": "annulé",
            "closed": "clos",
        }


class Stage(LabelledEnum):
    SINGLE = "single"
    PRE_SELECTION = "pre_selection"
    FULL_APPLICATION = "full_application"

    @classmethod
    def _labels(cls):
        return {
            "single": "Dépôt des candidatures",
            "pre_selection": "Pré-sélection (dossier court)",
            "full_application": "Dossier complet",
        }


class DocumentKind(LabelledEnum):
    FRAMEWORK = "framework"
    RULES = "rules"
    APPLICATION_FORM = "application_form"
    ANNEX = "annex"
    FAQ = "faq"
    WEBINAR = "webinar"
    OTHER = "other"

    @classmethod
    def _labels(cls):
        return {
            "framework": "Cahier des charges",
            "rules": "Règlement",
            "application_form": "Dossier de candidature",
            "annex": "Annexe",
            "faq": "Foire aux questions",
            "webinar": "Webinaire",
            "other": "Document",
        }


class Channel(LabelledEnum):
    PLATFORM = "platform"
    EMAIL = "email"
    POST = "post"
    OTHER = "other"

    @classmethod
    def _labels(cls):
        return {
            "platform": "Plateforme en ligne",
            "email": "Courriel",
            "post": "Courrier postal",
            "other": "Autre",
        }


class Source(Model):
    title: ShortText = Field(description="Titre de la page ou du document consulté")
    publisher: ShortText = Field(description="Qui publie la source : site ou organisme")
    url: HttpUrl | None = Field(None, description="Adresse web exacte (https://…), si elle est connue")
    published: dt.date | None = Field(None, description="Date de publication de la source (AAAA-MM-JJ)")


class Region(Model):
    name: ShortText = Field(description="Nom officiel de la région ou du territoire")
    insee_code: Annotated[str, Field(pattern=r"^\d{2,3}$")] = Field(
        description="Code officiel géographique de l'INSEE (deux ou trois chiffres, entre guillemets)"
    )
    category: RegionCategory = Field(description="Type de territoire")
    timezone: TimeZoneName = Field(description="Fuseau horaire IANA des dates limites, par exemple Europe/Paris")
    call_owner: ShortText = Field(description="Qui exerce la compétence régionale et porte les appels")
    summary: Text | None = Field(None, description="Présentation courte du territoire et de ses appels")
    notes: list[Text] = Field([], description="Faits connus sans appel publié (chaque élément : une phrase)")
    sources: list[Source] = Field([], description="Sources des faits cités")
    last_checked: dt.date | None = Field(None, description="Date de dernière vérification (AAAA-MM-JJ)")


class Contact(Model):
    name: ShortText | None = Field(None, description="Service ou personne à contacter")
    email: Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = Field(
        None, description="Adresse électronique"
    )
    phone: Annotated[str, Field(pattern=r"^[0-9 +().-]{6,25}$")] | None = Field(None, description="Téléphone")
    url: HttpUrl | None = Field(None, description="Page de contact")


class Aid(Model):
    min: Euros | None = Field(None, description="Aide minimale par projet, en euros")
    max: Euros | None = Field(None, description="Aide maximale par projet, en euros")
    max_rate: Percent | None = Field(None, description="Taux d'aide maximal, en % des dépenses éligibles")
    min_cofinancing: Percent | None = Field(None, description="Cofinancement minimal exigé, en %")
    note: Text | None = Field(None, description="Précisions sur l'aide")


class Duration(Model):
    min_months: Months | None = Field(None, description="Durée minimale du projet, en mois")
    max_months: Months | None = Field(None, description="Durée maximale du projet, en mois")
    end_by: dt.date | None = Field(None, description="Date à laquelle le projet doit être achevé")
    note: Text | None = Field(None, description="Précisions sur la durée")


class Instalment(Model):
    percent: Percent = Field(description="Part de l'aide versée, en %")
    when: ShortText = Field(description="Moment du versement (à la signature, à mi-parcours…)")


class Eligibility(Model):
    applicants: Text | None = Field(None, description="Qui peut candidater")
    collective: Text | None = Field(None, description="Composition exigée du collectif")
    seniority: Text | None = Field(None, description="Ancienneté exigée des membres")
    lead_partner: Text | None = Field(None, description="Qui peut être chef de file")
    audiences: list[ShortText] = Field([], description="Publics apprenants visés")
    excluded: list[Text] = Field([], description="Ce qui est exclu du financement")


class Document(Model):
    title: ShortText = Field(description="Titre du document")
    url: HttpUrl = Field(description="Adresse web du document")
    kind: DocumentKind = Field(DocumentKind.OTHER, description="Nature du document")


class Application(Model):
    channel: Channel | None = Field(None, description="Comment déposer")
    url: HttpUrl | None = Field(None, description="Adresse de la plateforme de dépôt")
    address: Text | None = Field(None, description="Adresse électronique ou postale de dépôt")
    proof: Text | None = Field(None, description="Quelle date fait foi (réception, envoi, horodatage)")
    note: Text | None = Field(None, description="Précisions sur le dépôt")


class Wave(Model):
    label: ShortText | None = Field(None, description="Nom de la vague, par exemple « Vague 1 »")
    stage: Stage = Field(Stage.SINGLE, description="Étape : single, pre_selection ou full_application")
    opens: dt.date | None = Field(None, description="Ouverture des dépôts pour cette vague (AAAA-MM-JJ)")
    deadline: dt.date = Field(description="Date limite de dépôt (AAAA-MM-JJ)")
    time: dt.time | None = Field(None, description="Heure limite, heure locale de la région (HH:MM)")
    initial_deadline: dt.date | None = Field(None, description="Date limite d'origine, si elle a été prolongée")


class Calendar(Model):
    published: dt.date | None = Field(None, description="Date de publication de l'appel (AAAA-MM-JJ)")
    opens: dt.date | None = Field(None, description="Date d'ouverture des dépôts (AAAA-MM-JJ)")
    rolling: bool = Field(False, description="Dépôt au fil de l'eau jusqu'à la date de fin (true ou false)")
    closes: dt.date | None = Field(None, description="Date de fin d'un appel au fil de l'eau (AAAA-MM-JJ)")
    closes_time: dt.time | None = Field(None, description="Heure de fin d'un appel au fil de l'eau (HH:MM)")
    waves: list[Wave] = Field([], description="Vagues ou étapes, chacune avec sa date limite")
    note: Text | None = Field(None, description="Précisions sur le calendrier (dates approximatives…)")
    timezone: TimeZoneName | None = Field(None, description="Fuseau horaire, si différent de celui de la région")
    state: CallState = Field(CallState.ACTIVE, description="active, suspended, cancelled ou closed")
    state_note: Text | None = Field(None, description="Explication de l'état (suspension, annulation, clôture)")


class Winner(Model):
    name: ShortText = Field(description="Nom du lauréat ou du collectif")
    project: ShortText | None = Field(None, description="Nom du projet")


class Results(Model):
    announced: dt.date | None = Field(None, description="Date d'annonce des résultats")
    winners_count: Annotated[int, Field(ge=0, le=10_000)] | None = Field(None, description="Nombre de lauréats")
    winners: list[Winner] = Field([], description="Lauréats connus")
    note: Text | None = Field(None, description="Précisions sur les résultats")


class Amendment(Model):
    date: dt.date = Field(description="Date de la modification (AAAA-MM-JJ)")
    text: Text = Field(description="Ce qui a changé, en une ou deux phrases")


class Call(Model):
    """The front matter of `regions/<region>/calls/<id>.md`."""

    title: ShortText = Field(description="Titre officiel de l'appel")
    summary: Annotated[str, Field(min_length=1, max_length=600)] = Field(description="Résumé en deux ou trois phrases")
    programme: ShortText = Field("DEFFINOV Tiers-lieux", description="Programme national de rattachement")
    other_regions: list[Slug] = Field([], description="Autres régions couvertes (noms de dossiers de regions/)")
    run_by: list[ShortText] = Field([], description="Qui porte l'appel : Conseil régional, DREETS…")
    contacts: list[Contact] = Field([], description="Contacts pour les candidats")
    budget: Euros | None = Field(None, description="Enveloppe totale de l'appel, en euros")
    budget_note: Text | None = Field(None, description="Précisions sur l'enveloppe")
    aid: Aid = Field(Aid(), description="Aide par projet")
    duration: Duration = Field(Duration(), description="Durée des projets")
    payment_schedule: list[Instalment] = Field([], description="Échéancier de versement")
    eligibility: Eligibility = Field(Eligibility(), description="Qui peut candidater")
    priorities: list[Text] = Field([], description="Priorités de l'appel")
    criteria: list[Text] = Field([], description="Critères de sélection")
    documents: list[Document] = Field([], description="Documents de l'appel")
    application: Application = Field(Application(), description="Comment candidater")
    calendar: Calendar = Field(Calendar(), description="Calendrier de l'appel")
    results: Results = Field(Results(), description="Résultats")
    amendments: list[Amendment] = Field([], description="Modifications datées, visibles du public")
    caveats: list[Text] = Field([], description="Points incertains à signaler aux lecteurs")
    sources: Annotated[list[Source], Field(min_length=1)] = Field(description="Sources des informations (au moins une)")
    last_checked: dt.date = Field(description="Date de dernière vérification des informations (AAAA-MM-JJ)")
