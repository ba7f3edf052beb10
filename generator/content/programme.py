"""The national programme: `content/programme.yml`, the programme page as sourced statements.

The page says only what its sources say, as a call page does: each statement (`Fact`, `Milestone`)
names the sources it rests on by their `id`, each source carries its address, its date of
publication and the day it was last checked, and what a source announced or expected is told
apart from what happened (`Milestone.announced`). checks/programme.py ties the ids together.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .fields import CallDate, Model, PastDate, ShortText, Slug, Source, Summary, Text

SourceIds = Annotated[list[Slug], Field(min_length=1)]


class ProgrammeSource(Source):
    """A source of the programme page: a Source with its id, and the day it was last checked."""

    id: Slug = Field(examples=["centre-inffo-cadre-2022"], title="Identifiant", description="Nom court de la source, en minuscules sans accent, chiffres et tirets : les faits la citent par lui")
    # A source may be known to the month only ("janvier 2022"): a date of a call's kind, whose
    # uncertainty every page shows.
    published: CallDate | None = Field(None, examples=["2022-07-07"], title="Date de publication", description="Date de publication de la source, au format AAAA-MM-JJ ; en bloc avec day_unknown: true si seul le mois est connu")
    cite: ShortText | None = Field(None, examples=["Centre Inffo, 7 juillet 2022"], title="Citation courte", description="Comment la page cite la source après chaque fait ; par défaut, l'éditeur et la date de publication")
    last_checked: PastDate = Field(examples=["2026-11-25"], title="Dernière vérification", description="Date à laquelle la source a été relue pour la dernière fois, au format AAAA-MM-JJ")


class Fact(Model):
    """One statement of the page, with the sources that say it."""

    label: ShortText | None = Field(None, examples=["Pilotage du plan"], title="Intitulé", description="Intitulé court, pour un fait présenté comme une ligne de tableau (« Pilotage du plan ») ; sinon, à omettre")
    text: Text = Field(examples=["Le programme est doté de 50 millions d'euros."], title="Fait", description="Ce que disent les sources, en une ou quelques phrases ; une annonce ou une prévision se dit comme telle")
    items: list[Text] = Field([], examples=[["diversifier les lieux de formation"]], title="Liste", description="Éléments d'une liste qui suit le texte, un par ligne")
    sources: SourceIds = Field(examples=[["centre-inffo-cadre-2022"]], title="Sources", description="Identifiants (id) des sources qui disent ce fait, au moins un")


class Milestone(Model):
    """A step of the programme's calendar: done, or only announced by a source."""

    when: ShortText = Field(examples=["27 juin 2022"], title="Date", description="Date ou période, telle que les sources la donnent : « 27 juin 2022 », « second semestre 2022 »")
    what: Text = Field(examples=["Communiqué de presse conjoint de lancement."], title="Étape", description="Ce qui a eu lieu, ou ce qui était annoncé")
    announced: bool = Field(False, title="Annonce ou prévision", description="true si la source annonçait ou prévoyait cette étape, sans dire qu'elle a eu lieu")
    sources: SourceIds = Field(examples=[["centre-inffo-cadre-2022"]], title="Sources", description="Identifiants (id) des sources qui disent cette étape, au moins un")


class Section(Model):
    """A part of the page, with its heading: facts, then the steps of a calendar."""

    id: Slug = Field(examples=["pilotage"], title="Ancre", description="Ancre de la partie dans la page (/programme/#pilotage), en minuscules sans accent")
    title: ShortText = Field(examples=["Qui pilote et qui finance"], title="Titre", description="Titre de la partie")
    facts: list[Fact] = Field([], title="Faits", description="Les faits de la partie, chacun avec ses sources")
    milestones: list[Milestone] = Field([], title="Calendrier", description="Étapes datées, chacune avec ses sources, dans l'ordre du temps")


class Programme(Model):
    """The content of `content/programme.yml`."""

    title: ShortText = Field(examples=["Le programme national DEFFINOV Tiers-lieux"], title="Titre", description="Titre de la page")
    description: Summary = Field(examples=["DEFFINOV Tiers-lieux, volet du plan de transformation de la formation."], title="Description", description="Une phrase pour les moteurs de recherche et les partages")
    summary: Fact = Field(title="Chapeau", description="Le fait qui ouvre la page, avec ses sources")
    sections: Annotated[list[Section], Field(min_length=1)] = Field(title="Parties", description="Les parties de la page, dans l'ordre")
    sources: Annotated[list[ProgrammeSource], Field(min_length=1)] = Field(title="Sources", description="Toutes les sources de la page, chacune avec son identifiant, son adresse et sa date de vérification")
