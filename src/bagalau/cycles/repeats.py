"""A step posted again once it is done (a double click, a resent form, a second tab) is
answered "already done on dd.mm.yyyy by X" and changes nothing, instead of a conflict.

Each function reads the object's current state, not the posted version: the first post
moved the version on, so the second would otherwise be refused as stale (409)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from bagalau.core import clock
from bagalau.cycles.models import KpiPlan, KpiSheet, PlanState, RankingSheet, SheetState
from bagalau.domain.calendar import format_date

_SUBMITTED_OR_LATER = (SheetState.SUBMITTED, SheetState.APPROVED)
# A plan's step and the states that show it done (R-KPI-PLAN, 004 p22).
_PLAN_DONE = {
    "agree": (PlanState.AGREED, PlanState.APPROVED, PlanState.PLACED),
    "approve": (PlanState.APPROVED, PlanState.PLACED),
    "place": (PlanState.PLACED,),
}


def _day(moment: datetime | None) -> str:
    return format_date(clock.local_day(moment)) if moment else "—"


def _who(user: Any) -> str:
    if user is None:
        return "—"
    return str(user.get_full_name() or user.get_username())


def sheet_already_submitted(sheet: RankingSheet | KpiSheet | None) -> str:
    """The message for a ranking or KPI sheet submitted before, or "" if it is not."""
    if sheet is None or sheet.state not in _SUBMITTED_OR_LATER:
        return ""
    return _("This sheet was already submitted on %(date)s. Nothing was changed.") % {
        "date": _day(sheet.submitted_at)
    }


def plan_step_already_done(plan: KpiPlan, step: str) -> str:
    """The message for a plan step (agree, approve, place) done before, or ""."""
    if plan.state not in _PLAN_DONE.get(step, ()):
        return ""
    if step == "agree":
        done = _("The KPI plan was already agreed on %(date)s by %(who)s. Nothing was changed.")
        return done % {"date": _day(plan.agreed_at), "who": _who(plan.agreed_by)}
    if step == "approve":
        done = _("The KPI plan was already approved on %(date)s by %(who)s. Nothing was changed.")
        return done % {"date": _day(plan.approved_at), "who": _who(plan.approved_by)}
    done = _("The KPI plan was already placed in the system on %(date)s. Nothing was changed.")
    return done % {"date": _day(plan.placed_at)}
