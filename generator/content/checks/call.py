"""Rules on calls that span several fields or files: dates in order, known regions, unique ids."""

from __future__ import annotations

from collections import defaultdict

from ...french import french_date
from ..entries import CallEntry
from ..errors import ContentError, field_path


def _error(call: CallEntry, loc: tuple, message: str) -> ContentError:
    return ContentError(call.path, call.positions.line_of(loc), field_path(loc), message)


def check_call(call: CallEntry, known_regions: set[str]) -> list[ContentError]:
    errors = []
    data = call.data
    cal = data.calendar

    for index, slug in enumerate(data.other_regions):
        loc = ("other_regions", index)
        if slug == call.region:
            errors.append(_error(call, loc, f"« {slug} » est déjà la région du dossier de l'appel ; retirez-la de cette liste."))
        elif slug not in known_regions:
            errors.append(_error(call, loc,
                f"région inconnue « {slug} ». Régions possibles : {', '.join(sorted(known_regions))}."))

    if cal.published and cal.opens and cal.opens < cal.published:
        errors.append(_error(call, ("calendar", "opens"),
            f"l'ouverture ({french_date(cal.opens)}) précède la publication ({french_date(cal.published)})."))
    if cal.rolling and not cal.closes:
        errors.append(_error(call, ("calendar", "closes"),
            "un appel au fil de l'eau (rolling: true) doit indiquer sa date de fin dans closes (AAAA-MM-JJ)."))
    if cal.closes and cal.opens and cal.closes < cal.opens:
        errors.append(_error(call, ("calendar", "closes"),
            f"la date de fin ({french_date(cal.closes)}) précède l'ouverture ({french_date(cal.opens)})."))

    previous = None
    for index, wave in enumerate(cal.waves):
        loc = ("calendar", "waves", index, "deadline")
        start = wave.opens or cal.opens
        if start and wave.deadline < start:
            errors.append(_error(call, loc,
                f"la date limite ({french_date(wave.deadline)}) précède l'ouverture ({french_date(start)}). "
                "Vérifiez l'année et le mois."))
        if previous and wave.deadline < previous:
            errors.append(_error(call, loc,
                f"vague hors d'ordre : sa date limite ({french_date(wave.deadline)}) précède celle de la vague "
                f"précédente ({french_date(previous)}). Rangez les vagues dans l'ordre chronologique."))
        if wave.initial_deadline and wave.initial_deadline > wave.deadline:
            errors.append(_error(call, ("calendar", "waves", index, "initial_deadline"),
                "la date limite d'origine doit précéder la date limite prolongée (deadline)."))
        previous = wave.deadline

    if data.aid.min is not None and data.aid.max is not None and data.aid.min > data.aid.max:
        errors.append(_error(call, ("aid", "min"), "l'aide minimale dépasse l'aide maximale."))
    dur = data.duration
    if dur.min_months and dur.max_months and dur.min_months > dur.max_months:
        errors.append(_error(call, ("duration", "min_months"), "la durée minimale dépasse la durée maximale."))
    if data.payment_schedule and sum(i.percent for i in data.payment_schedule) != 100:
        total = sum(i.percent for i in data.payment_schedule)
        errors.append(_error(call, ("payment_schedule",),
            f"les versements totalisent {total} % au lieu de 100 %."))
    return errors


def check_unique_ids(calls: list[CallEntry]) -> list[ContentError]:
    by_id = defaultdict(list)
    for call in calls:
        by_id[call.id].append(call)
    errors = []
    for call_id, same in by_id.items():
        if len(same) > 1:
            for call in same:
                others = ", ".join(other.path for other in same if other is not call)
                errors.append(ContentError(call.path, None, None,
                    f"identifiant d'appel « {call_id} » déjà utilisé par {others} : deux appels auraient la même "
                    "adresse. Renommez l'un des fichiers (par exemple en ajoutant la région ou l'année)."))
    return errors
