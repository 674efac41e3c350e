"""Kazakhstan's working-day calendar: the ``holidays`` package plus decreed transfers."""

from __future__ import annotations

from functools import lru_cache

import holidays
from django.utils import translation

from bagalau.core.models import DayTransfer
from bagalau.domain.calendar import DayTransfer as DomainDayTransfer
from bagalau.domain.calendar import WorkCalendar

# Enough years for every methodology in the seeds and for deadlines well ahead.
YEARS = range(2015, 2041)

# ``holidays`` names Kazakhstan's holidays in Kazakh and English only.
_HOLIDAY_LANGUAGES = {"kk": "kk"}
_FALLBACK_LANGUAGE = "en_US"


@lru_cache(maxsize=4)
def statutory_calendar(language: str = _FALLBACK_LANGUAGE) -> WorkCalendar:
    """Holidays with their observed days and the working Saturdays ``holidays`` knows.

    Building it takes tens of milliseconds, and it only changes with the package version.
    """
    kz = holidays.country_holidays("KZ", years=YEARS, language=language)
    return WorkCalendar(
        holidays=dict(kz.items()),
        working_weekends=frozenset(day for day in kz.weekend_workdays if day.year in YEARS),
    )


def kazakhstan_calendar() -> WorkCalendar:
    """The calendar in force now, holiday names in the active language where available.

    Transfers are read on every call: an administrator may have just added one, and it
    is one small query.
    """
    language = _HOLIDAY_LANGUAGES.get(translation.get_language() or "", _FALLBACK_LANGUAGE)
    transfers = [
        DomainDayTransfer(rest_day=row.rest_day, work_day=row.work_day, basis=row.basis)
        for row in DayTransfer.objects.only("rest_day", "work_day", "basis")
    ]
    return statutory_calendar(language).with_transfers(transfers)
