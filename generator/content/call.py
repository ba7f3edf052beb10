"""A call for projects: the front matter of `regions/<region>/calls/<id>.md`, and its parts.

The single source of truth for a call's fields: the loader validates against it, templates show
each field's `title`, error messages quote its `description` (and, later, the editors' JSON
Schema, the open-data exports and the field reference come from here too).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from .fields import (
    CallDate, Euros, LabelledEnum, Model, Months, Percent, ShortText, Slug, PastDate, Source, Summary, Text, TimeZoneName,
    WebAddress, coded,
)


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


class ApplicantKind(LabelledEnum):
    """Kinds of organisations a call admits in the collective, as the calls name them: the
    eligibility matrix of the comparison page is drawn from these."""

    TIERS_LIEU = "tiers-lieu"
    TRAINING_ORGANISATION = "organisme-de-formation"
    CFA = "cfa"
    SCHOOL = "etablissement-d-enseignement"
    EDTECH = "entreprise-edtech"
    LOCAL_AUTHORITY = "collectivite"
    ASSOCIATION = "association"
    LEARNING_SUPPLIER = "fournisseur-pedagogique"

    @classmethod
    def _labels(cls):
        return {
            "tiers-lieu": "tiers-lieu",
            "organisme-de-formation": "organisme de formation",
            "cfa": "centre de formation d'apprentis (CFA)",
            "etablissement-d-enseignement": "lycée professionnel, école ou institut de formation",
            "entreprise-edtech": "entreprise EdTech",
            "collectivite": "collectivité territoriale",
            "association": "association ou fédération",
            "fournisseur-pedagogique": "fournisseur de ressources ou d'équipements pédagogiques",
        }


class Contact(Model):
    name: ShortText | None = Field(None, examples=["Service formation professionnelle"], title="Contact", description="Service ou personne à contacter")
    email: coded(r"^[^@\s]+@[^@\s]+\.[^@\s]+$") | None = Field(None, examples=["deffinov@region.fr"], title="Courriel", description="Adresse électronique")
    phone: coded(r"^[0-9 +().-]{6,25}$") | None = Field(None, examples=["02 99 27 10 10"], title="Téléphone", description="Téléphone")
    url: WebAddress | None = Field(None, examples=["https://www.region.fr/contact"], title="Page de contact", description="Page de contact")


class Aid(Model):
    min: Euros | None = Field(None, examples=[50000], title="Aide minimale par projet", description="Aide minimale par projet, en euros")
    max: Euros | None = Field(None, examples=[200000], title="Aide maximale par projet", description="Aide maximale par projet, en euros")
    max_rate: Percent | None = Field(None, examples=[80], title="Taux d'aide maximal", description="Taux d'aide maximal, en pourcentage des dépenses éligibles")
    min_cofinancing: Percent | None = Field(None, examples=[20], title="Cofinancement minimal", description="Part minimale du projet financée par d'autres que l'appel (autres financeurs, apports en nature si l'appel les admet), en pourcentage")
    min_self_financing: Percent | None = Field(None, examples=[30], title="Autofinancement minimal", description="Part minimale du projet que le porteur finance sur ses fonds propres, en pourcentage ; à ne pas confondre avec le cofinancement")
    note: Text | None = Field(None, examples=["Les dépenses d'investissement sont plafonnées à 30 % de l'aide."], title="Précisions sur l'aide", description="Précisions sur l'aide")


class Duration(Model):
    min_months: Months | None = Field(None, examples=[12], title="Durée minimale", description="Durée minimale du projet, en mois")
    max_months: Months | None = Field(None, examples=[36], title="Durée maximale", description="Durée maximale du projet, en mois")
    end_by: CallDate | None = Field(None, examples=["2029-06-30"], title="Fin du projet au plus tard", description="Date à laquelle le projet doit être achevé")
    note: Text | None = Field(None, examples=["Une prolongation de six mois peut être accordée sur demande motivée."], title="Précisions sur la durée", description="Précisions sur la durée")


class Instalment(Model):
    percent: Percent = Field(examples=[50], title="Part versée", description="Part de l'aide versée, en pourcentage")
    when: ShortText = Field(examples=["à la signature de la convention"], title="Moment du versement", description="Moment du versement : à la signature, à mi-parcours…")


class Eligibility(Model):
    applicants: list[Text] = Field([], examples=[["Tiers-lieux", "Organismes de formation"]], title="Membres possibles du collectif", description="Structures qui peuvent être membres du collectif, une par ligne")
    partners: list[Text] = Field([], examples=[["Entreprises du territoire"]], title="Partenaires possibles", description="Structures qui peuvent s'associer au projet sans en être membres, une par ligne")
    collective: Text | None = Field(None, examples=["Au moins un tiers-lieu et un organisme de formation."], title="Composition du collectif", description="Composition exigée du collectif")
    lead_partner: Text | None = Field(None, examples=["Le chef de file signe la convention et reçoit l'aide."], title="Chef de file", description="Qui peut être chef de file, et ce qui lui est demandé")
    seniority: Text | None = Field(None, examples=["Au moins un an d'existence à la date de dépôt."], title="Ancienneté des membres", description="Ancienneté exigée des membres")
    applicant_kinds: list[ApplicantKind] = Field([], examples=[["tiers-lieu", "organisme-de-formation"]], title="Structures admises dans le collectif", description="Types de structures que les sources disent admises comme membres du collectif, un par ligne : tiers-lieu, organisme-de-formation, cfa, etablissement-d-enseignement, entreprise-edtech, collectivite, association, fournisseur-pedagogique")
    applicant_kinds_complete: bool = Field(False, title="Liste complète des membres admis", description="true si les sources donnent la liste des membres admis en entier ; sinon (liste terminée par « … » ou donnée en exemples), une structure absente n'est pas pour autant exclue")
    lead_kinds: list[ApplicantKind] = Field([], examples=[["tiers-lieu", "organisme-de-formation"]], title="Qui peut porter le projet (chef de file)", description="Types de structures que les sources disent admises comme chef de file (porteur du projet), un par ligne, mêmes valeurs que applicant_kinds")
    lead_kinds_complete: bool = Field(False, title="Liste complète des chefs de file admis", description="true si les sources donnent la liste des chefs de file possibles en entier")
    seniority_months: Annotated[int, Field(ge=0, le=240)] | None = Field(None, examples=[12], title="Ancienneté minimale exigée", description="Ancienneté minimale exigée, en mois (12 pour un an) ; 0 si les sources disent qu'aucune n'est exigée")
    audiences: list[ShortText] = Field([], examples=[["Demandeurs d'emploi", "Salariés"]], title="Publics apprenants visés", description="Publics apprenants visés, un par ligne")
    excluded: list[Text] = Field([], examples=[["Les formations déjà financées par un autre dispositif régional"]], title="Exclusions", description="Ce qui est exclu du financement, un point par ligne")


class Document(Model):
    title: ShortText = Field(examples=["Cahier des charges 2027"], title="Titre", description="Titre du document")
    url: WebAddress | None = Field(None, examples=["https://www.region.fr/deffinov/cahier-des-charges.pdf"], title="Adresse web", description="Adresse web du document, si elle est connue")
    kind: DocumentKind = Field(DocumentKind.OTHER, title="Nature", description="Nature du document")


class Deposit(Model):
    channel: Channel = Field(title="Mode de dépôt", description="Comment déposer : platform, email, post ou other")
    url: WebAddress | None = Field(None, examples=["https://aides.region.fr/"], title="Plateforme", description="Adresse web de la plateforme de dépôt")
    address: Text | None = Field(None, examples=["deffinov@region.fr"], title="Adresse", description="Adresse électronique ou postale de dépôt")
    note: Text | None = Field(None, examples=["Un exemplaire papier signé, en plus du dépôt en ligne."], title="Précisions", description="Ce qui est attendu par ce moyen : exemplaire papier, copie numérique…")


class Application(Model):
    channels: list[Deposit] = Field([], title="Modes de dépôt", description="Chaque moyen de dépôt exigé ou possible, avec son adresse")
    proof: Text | None = Field(None, examples=["date et heure d'horodatage du dépôt en ligne"], title="Date qui fait foi", description="Quelle date fait foi : réception, cachet de la poste, horodatage")
    note: Text | None = Field(None, examples=["Un seul dossier par collectif."], title="Précisions sur le dépôt", description="Précisions sur le dépôt")


class Wave(Model):
    label: ShortText | None = Field(None, examples=["Vague 1"], title="Vague", description="Nom de la vague, par exemple « Vague 1 »")
    stage: Stage = Field(Stage.SINGLE, title="Étape", description="Étape : single, pre_selection ou full_application")
    opens: CallDate | None = Field(None, examples=["2027-01-15"], title="Ouverture", description="Ouverture des dépôts pour cette vague")
    deadline: CallDate | None = Field(None, examples=["2027-03-31"], title="Date limite", description="Date limite de dépôt ; à omettre si elle n'est pas connue")
    time: dt.time | None = Field(None, title="Heure limite", description="Heure limite, à l'heure locale de la région")
    initial_deadline: CallDate | None = Field(None, examples=["2027-03-15"], title="Date limite d'origine", description="Date limite d'origine, si elle a été prolongée")


class Calendar(Model):
    published: CallDate | None = Field(None, examples=["2027-01-10"], title="Publication", description="Date de publication de l'appel")
    opens: CallDate | None = Field(None, examples=["2027-01-15"], title="Ouverture des dépôts", description="Date d'ouverture des dépôts")
    rolling: bool = Field(False, title="Dépôt au fil de l'eau", description="Dépôt au fil de l'eau jusqu'à la date de fin : true ou false")
    closes: CallDate | None = Field(None, examples=["2027-12-31"], title="Fin des dépôts", description="Date de fin d'un appel au fil de l'eau")
    closes_time: dt.time | None = Field(None, title="Heure de fin des dépôts", description="Heure de fin d'un appel au fil de l'eau")
    waves: list[Wave] = Field([], title="Vagues", description="Vagues ou étapes, chacune avec sa date limite si elle est connue")
    note: Text | None = Field(None, examples=["Les dates de la seconde vague seront précisées au printemps."], title="Précisions sur le calendrier", description="Précisions sur le calendrier : dates approximatives…")
    timezone: TimeZoneName | None = Field(None, examples=["America/Cayenne"], title="Fuseau horaire", description="Fuseau horaire, si différent de celui de la région")
    state: CallState = Field(CallState.ACTIVE, title="État", description="État de l'appel que disent les sources : active (le calendrier fait foi), suspended, cancelled ou closed ; le statut affiché un jour donné (ouvert, clos…) en découle avec les dates")
    state_note: Text | None = Field(None, examples=["Appel suspendu dans l'attente du vote du budget régional."], title="Explication de l'état", description="Explication de l'état : suspension, annulation, clôture")


class Winner(Model):
    name: ShortText = Field(examples=["Collectif Tiers-lieux apprenants"], title="Lauréat", description="Nom du lauréat ou du collectif")
    project: ShortText | None = Field(None, examples=["Former au numérique en milieu rural"], title="Projet", description="Nom du projet")


class Results(Model):
    announced: CallDate | None = Field(None, examples=["2027-06-30"], title="Annonce des résultats", description="Date d'annonce des résultats")
    winners_count: Annotated[int, Field(ge=0, le=10_000)] | None = Field(None, examples=[12], title="Nombre de lauréats", description="Nombre de lauréats")
    winners: list[Winner] = Field([], title="Lauréats", description="Lauréats connus")
    note: Text | None = Field(None, examples=["La liste des lauréats est publiée sur le site de la région."], title="Précisions sur les résultats", description="Précisions sur les résultats")


class Amendment(Model):
    date: PastDate = Field(examples=["2027-02-10"], title="Date", description="Date de la modification, au format AAAA-MM-JJ")
    text: Text = Field(examples=["Date limite de la vague 1 reportée du 15 au 31 mars 2027."], title="Modification", description="Ce qui a changé, en une ou deux phrases")


class Call(Model):
    """The front matter of `regions/<region>/calls/<id>.md`."""

    title: ShortText = Field(examples=["Tiers-lieux et formation 2027"], title="Titre", description="Titre officiel de l'appel, ou à défaut un titre descriptif, avec title_official: false")
    title_official: bool = Field(True, title="Titre officiel", description="false si les sources ne donnent pas de titre officiel et que le titre a été rédigé pour ce site")
    summary: Summary = Field(examples=["Deux ou trois phrases : ce qui est financé, pour qui, jusqu'à quand."], title="Résumé", description="Résumé en deux ou trois phrases")
    programme: ShortText = Field("DEFFINOV Tiers-lieux", title="Programme", description="Programme national de rattachement")
    official_page: WebAddress | None = Field(None, examples=["https://www.region.fr/aides/deffinov-2027"], title="Page officielle de l'appel", description="Adresse de la page où l'organisme qui porte l'appel le publie")
    funding_scheme: ShortText | None = Field(None, examples=["Pacte régional d'investissement dans les compétences"], title="Dispositif de financement", description="Dispositif qui finance l'appel, par exemple le pacte régional d'investissement dans les compétences")
    other_regions: list[Slug] = Field([], examples=[["guadeloupe"]], title="Autres régions", description="Autres régions couvertes : noms de dossiers de regions/")
    run_by: list[ShortText] = Field([], examples=[["Conseil régional", "DREETS"]], title="Porté par", description="Qui porte l'appel : Conseil régional, DREETS…")
    contacts: list[Contact] = Field([], title="Contacts", description="Contacts pour les candidats")
    budget: Euros | None = Field(None, examples=[1500000], title="Enveloppe totale", description="Enveloppe totale de l'appel, en euros")
    budget_note: Text | None = Field(None, examples=["Enveloppe partagée entre les deux vagues."], title="Précision sur l'enveloppe", description="Précisions sur l'enveloppe")
    aid: Aid = Field(Aid(), title="Aide par projet", description="Aide par projet")
    duration: Duration = Field(Duration(), title="Durée du projet", description="Durée des projets")
    payment_schedule: list[Instalment] = Field([], title="Versement de l'aide", description="Échéancier de versement")
    eligibility: Eligibility = Field(Eligibility(), title="Conditions d'éligibilité", description="Qui peut candidater")
    priorities: list[Text] = Field([], examples=[["Formations aux métiers en tension du territoire"]], title="Priorités", description="Priorités de l'appel")
    criteria: list[Text] = Field([], examples=[["Qualité du partenariat entre le tiers-lieu et l'organisme de formation"]], title="Critères de sélection", description="Critères de sélection")
    documents: list[Document] = Field([], title="Documents", description="Documents de l'appel")
    application: Application = Field(Application(), title="Candidater", description="Comment candidater")
    calendar: Calendar = Field(Calendar(), title="Calendrier", description="Calendrier de l'appel")
    results: Results = Field(Results(), title="Résultats", description="Résultats")
    amendments: list[Amendment] = Field([], title="Modifications", description="Modifications datées, visibles du public")
    caveats: list[Text] = Field([], examples=[["Le montant de l'enveloppe n'est pas confirmé par la région."]], title="Points incertains", description="Points incertains à signaler aux lecteurs")
    sources: Annotated[list[Source], Field(min_length=1)] = Field(title="Sources", description="Sources des informations, au moins une")
    recorded: PastDate | None = Field(None, examples=["2027-01-12"], title="Fiche ajoutée au site le", description="Date à laquelle la fiche de l'appel a été ajoutée au site, au format AAAA-MM-JJ ; le flux Atom la distingue de la publication de l'appel (à défaut, il prend la date de dernière vérification)")
    last_checked: PastDate = Field(examples=["2027-01-20"], title="Dernière vérification", description="Date de dernière vérification des informations, au format AAAA-MM-JJ")
