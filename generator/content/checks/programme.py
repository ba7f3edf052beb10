"""Rules on the programme page (content/programme.yml) that span several fields: every statement
cites sources the file lists, ids are unique, dates of publication are past."""

from __future__ import annotations

import datetime as dt

from ...french import french_date
from ..entries import ProgrammeEntry
from ..errors import ContentError, field_path
from ..messages import did_you_mean
from .dates import SLACK

# The page's own anchors: a part may not take them.
RESERVED_ANCHORS = {"titre", "sources"}


def _error(entry: ProgrammeEntry, loc: tuple, message: str) -> ContentError:
    return ContentError(entry.path, entry.positions.line_of(loc), field_path(loc), message)


def check_programme(entry: ProgrammeEntry, today: dt.date) -> list[ContentError]:
    data = entry.data
    errors = []
    known = [source.id for source in data.sources]
    errors += _unique(entry, "sources", known, "source")
    errors += _unique(entry, "sections", [section.id for section in data.sections], "partie")
    for index, source in enumerate(data.sources):
        if source.published and source.published.date > today + SLACK:
            errors.append(_error(entry, ("sources", index, "published"),
                f"la date {french_date(source.published, note=False)} est dans le futur, alors que ce champ dit "
                "quand la source a été publiée. Vérifiez l'année : la date est au plus tard celle du jour."))
    statements = [(("summary",), data.summary.sources)]
    for number, section in enumerate(data.sections):
        here = ("sections", number)
        if section.id in RESERVED_ANCHORS:
            errors.append(_error(entry, (*here, "id"),
                f"l'ancre « {section.id} » est déjà prise par la page ({', '.join(sorted(RESERVED_ANCHORS))}) : "
                "choisissez-en une autre."))
        if not section.facts and not section.milestones:
            errors.append(_error(entry, here,
                "cette partie ne dit rien : ajoutez-lui des faits (facts) ou des étapes (milestones), ou retirez-la."))
        statements += [((*here, "facts", index), fact.sources) for index, fact in enumerate(section.facts)]
        for index, step in enumerate(section.milestones):
            loc = (*here, "milestones", index)
            statements.append((loc, step.sources))
    for loc, cited in statements:
        for index, source in enumerate(cited):
            if source not in known:
                errors.append(_error(entry, (*loc, "sources", index),
                    f"source inconnue « {source} ».{did_you_mean(source, known)} Chaque fait cite les sources de la "
                    f"liste « sources » du fichier par leur identifiant (id) : {', '.join(known)}. Corrigez "
                    "l'identifiant, ou ajoutez la source à la liste avec son adresse et sa date de vérification."))
    return errors


def _unique(entry: ProgrammeEntry, field: str, ids: list[str], what: str) -> list[ContentError]:
    seen: set[str] = set()
    errors = []
    for index, value in enumerate(ids):
        if value in seen:
            errors.append(_error(entry, (field, index, "id"),
                f"identifiant de {what} « {value} » déjà utilisé plus haut dans le fichier : donnez-lui un "
                "identifiant qui lui soit propre."))
        seen.add(value)
    return errors
