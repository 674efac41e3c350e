"""The one clock of the site: "today" and "now" in the site's time zone (Asia/Almaty by
default, ``TIME_ZONE``), never the process's.

Every deadline of the procedure is counted in the body's local working days, so a view,
a service, a command and a notice must all agree on which day it is; evening in UTC is
already tomorrow in Almaty. Everything in ``src/`` asks this module; tests move it with
``time-machine``.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone


def now() -> datetime:
    """The current moment as an aware datetime in the site's time zone."""
    return timezone.localtime(timezone.now())


def today() -> date:
    """The site's local date: the day every deadline and period is counted on."""
    return now().date()


def local_day(moment: datetime) -> date:
    """The site's local date of a stored moment (kept in UTC by the database)."""
    return timezone.localtime(moment).date()
