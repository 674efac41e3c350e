"""The body's periods as a table: columns, sorting, rows, the export of them."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bagalau.core.listing import ListColumn, ListSpec
from bagalau.cycles.models import EvaluationPeriod

PERIOD_SPEC = ListSpec(
    columns=(
        ListColumn("period", _("Period"), ("year", "quarter")),
        ListColumn("pack", _("Methodology version"), ("pack_id",)),
        ListColumn("status", _("Status"), ("status",)),
        ListColumn("people", _("People"), ("participants",)),
        ListColumn("schedule", _("Schedule"), ("schedule__state",)),
        ListColumn("opened", _("Opened"), ("opened_at",)),
    ),
    default_sort="-period",
    search=("year", "pack_id"),
)


def period_row(p: EvaluationPeriod) -> dict[str, Any]:
    return {
        "code": p.code,
        "pack": p.pack_id,
        "status": p.get_status_display(),
        "participants": p.participants,  # type: ignore[attr-defined]
        "schedule": p.schedule.get_state_display(),
        "opened_at": p.opened_at,
    }


def export_row(p: EvaluationPeriod) -> list[Any]:
    row = period_row(p)
    opened = timezone.localtime(p.opened_at).date()  # the day as the page shows it
    return [row["code"], row["pack"], row["status"], row["participants"], row["schedule"], opened]
