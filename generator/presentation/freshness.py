"""Information that gets old: calls still open or to come whose `last_checked` is too far back.

A deadline may move after publication; a call checked long ago and still running is the one a
reader may be misled by. "Running" is the status rule's (schedule.LIVE), on the
day the site is built for; "too far back" is a number of months from the configuration
(`stale_after_months`). `deffinov check` reports such calls as warnings, never errors, and the
maintainers' page lists them.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from ..content.entries import SiteModel
from ..content.errors import ContentError
from ..french import french_date
from ..settings import STALE_AFTER_MONTHS
from .schedule import LIVE
from .views import CallView, call_views


@dataclass(frozen=True)
class StaleCall:
    view: CallView
    checked: dt.date
    months: int  # whole months since the check

    def warning(self, limit: int) -> ContentError:
        """What `deffinov check` says of it: file, line and field of `last_checked`, and what to do."""
        entry = self.view.entry
        return ContentError(
            entry.path, entry.positions.line_of(("last_checked",)), "last_checked",
            f"informations vérifiées le {french_date(self.checked)}, il y a {self.months} mois, alors que l'appel "
            f"n'est pas clos (statut « {self.view.status.label} ») : au-delà de {limit} mois, revérifiez-les auprès "
            "des sources, puis écrivez la date du jour dans last_checked.",
        )


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier, or the last day of that month (31 August less 6 months: 28 or 29 February)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def whole_months(since: dt.date, until: dt.date) -> int:
    """How many whole months separate two days."""
    months = (until.year - since.year) * 12 + until.month - since.month
    return months - 1 if months_before(until, months) < since else months


def stale_calls(site: SiteModel, now: dt.datetime, months: int = STALE_AFTER_MONTHS) -> list[StaleCall]:
    """Running calls last checked more than `months` months before `now`, the oldest check first."""
    limit = months_before(now.date(), months)
    found = [
        StaleCall(view, view.data.last_checked, whole_months(view.data.last_checked, now.date()))
        for view in call_views(site, now)
        if view.status in LIVE and view.data.last_checked < limit
    ]
    return sorted(found, key=lambda stale: (stale.checked, stale.view.entry.path))
