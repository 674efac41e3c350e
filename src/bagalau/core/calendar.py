"""Kazakhstan's working-day calendar: the ``holidays`` package plus decreed transfers."""

from __future__ import annotations

from functools import lru_cache

import holidays
from django.db import DatabaseError
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


def _published_calendar() -> WorkCalendar:
    language = _HOLIDAY_LANGUAGES.get(translation.get_language() or "", _FALLBACK_LANGUAGE)
    return statutory_calendar(language)


def _decreed_transfers() -> list[DomainDayTransfer]:
    return [
        DomainDayTransfer(rest_day=row.rest_day, work_day=row.work_day, basis=row.basis)
        for row in DayTransfer.objects.only("rest_day", "work_day", "basis")
    ]


def kazakhstan_calendar() -> WorkCalendar:
    """The calendar in force now, holiday names in the active language where available.

    Transfers are read on every call: an administrator may have just added one, and it
    is one small query.
    """
    return _published_calendar().with_transfers(_decreed_transfers())


def calendar_without_database() -> tuple[WorkCalendar, bool]:
    """The calendar for a command that may run before ``migrate``: with the decreed
    transfers when the database has them, else the published calendar alone; the flag
    says whether the transfers were read."""
    try:
        transfers = _decreed_transfers()
    except DatabaseError:
        return _published_calendar(), False
    return _published_calendar().with_transfers(transfers), True
