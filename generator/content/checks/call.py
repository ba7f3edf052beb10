"""Rules on calls that span several fields or files: dates in order, known regions, unique ids."""

from __future__ import annotations

import datetime as dt
from ...french import french_date, french_euros
from ..entries import CallEntry
from ..errors import ContentError, field_path
from ..messages import did_you_mean
from .ids import unique_ids


def _error(call: CallEntry, loc: tuple, message: str) -> ContentError:
    return ContentError(call.path, call.positions.line_of(loc), field_path(loc), message)


def check_call(call: CallEntry, known_regions: set[str]) -> list[ContentError]:
    return [
        *_check_regions(call, known_regions),
        *_check_calendar(call),
        *_check_amounts(call),
    ]


def _check_regions(call: CallEntry, known_regions: set[str]) -> list[ContentError]:
    errors = []
    for index, slug in enumerate(call.data.other_regions):
        loc = ("other_regions", index)
        if slug == call.region:
            errors.append(_error(call, loc, f"« {slug} » est déjà la région du dossier de l'appel ; retirez-la de cette liste."))
        elif slug not in known_regions:
            errors.append(_error(call, loc,
                f"région inconnue « {slug} ».{did_you_mean(slug, known_regions)} "
                f"Régions possibles : {', '.join(sorted(known_regions))}."))
    return errors


def _check_calendar(call: CallEntry) -> list[ContentError]:
    errors = []
    cal = call.data.calendar
    if cal.published and cal.opens and cal.opens.date < cal.published.date:
        errors.append(_error(call, ("calendar", "opens"),
            f"l'ouverture ({french_date(cal.opens)}) précède la publication ({french_date(cal.published)})."))
    if cal.rolling and not cal.closes:
        errors.append(_error(call, ("calendar", "closes"),
            "un appel au fil de l'eau (rolling: true) doit indiquer sa date de fin dans closes, au format AAAA-MM-JJ."))
    if cal.closes and cal.opens and cal.closes.date < cal.opens.date:
        errors.append(_error(call, ("calendar", "closes"),
            f"la date de fin ({french_date(cal.closes)}) précède l'ouverture ({french_date(cal.opens)})."))

    previous = None
    for index, wave in enumerate(cal.waves):
        if wave.deadline is None:
            continue  # a stage whose deadline is not known yet
        loc = ("calendar", "waves", index, "deadline")
        start = wave.opens or cal.opens
        if start and wave.deadline.date < start.date:
            errors.append(_error(call, loc,
                f"la date limite ({french_date(wave.deadline)}) précède l'ouverture ({french_date(start)}). "
                "Vérifiez l'année et le mois."))
        if previous and wave.deadline.date < previous.date:
            errors.append(_error(call, loc,
                f"vague hors d'ordre : sa date limite ({french_date(wave.deadline)}) précède celle de la vague "
                f"précédente ({french_date(previous)}). Rangez les vagues dans l'ordre chronologique."))
        if wave.initial_deadline and wave.initial_deadline.date > wave.deadline.date:
            errors.append(_error(call, ("calendar", "waves", index, "initial_deadline"),
                f"la date limite d'origine ({french_date(wave.initial_deadline)}) suit la date limite prolongée "
                f"({french_date(wave.deadline)}). Écrivez la nouvelle date dans deadline et l'ancienne dans "
                "initial_deadline."))
        previous = wave.deadline
    return errors


def _check_amounts(call: CallEntry) -> list[ContentError]:
    errors = []
    data = call.data
    if data.aid.min is not None and data.aid.max is not None and data.aid.min > data.aid.max:
        errors.append(_error(call, ("aid", "min"),
            f"l'aide minimale ({french_euros(data.aid.min)}) dépasse l'aide maximale ({french_euros(data.aid.max)}). "
            "Vérifiez les deux montants : min est le plancher, max le plafond."))
    dur = data.duration
    if dur.min_months and dur.max_months and dur.min_months > dur.max_months:
        errors.append(_error(call, ("duration", "min_months"),
            f"la durée minimale ({dur.min_months} mois) dépasse la durée maximale ({dur.max_months} mois). "
            "Vérifiez les deux durées."))
    if data.payment_schedule and sum(i.percent for i in data.payment_schedule) != 100:
        total = sum(i.percent for i in data.payment_schedule)
        errors.append(_error(call, ("payment_schedule",),
            f"les versements totalisent {total} % au lieu de 100 %."))
    return errors


def check_unique_ids(calls: list[CallEntry]) -> list[ContentError]:
    return unique_ids(calls, "d'appel", "deux appels",
                      "Renommez l'un des fichiers (par exemple en ajoutant la région ou l'année).")
