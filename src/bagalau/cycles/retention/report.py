"""The retention overview and what a removal did, as lines for people (in the active
language, dates as dd.mm.yyyy, citations as the act's name and paragraph) and as data
for ``--json``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bagalau.core.labels import cite_text, name_lang
from bagalau.core.messages import error_message
from bagalau.core.packview import cite_row
from bagalau.cycles.retention.documents import KIND_CODES, KIND_LABELS
from bagalau.cycles.retention.selectors import PeriodRetention, RetentionOverview
from bagalau.cycles.retention.services import Removed
from bagalau.domain.calendar import format_date
from bagalau.domain.retention import Held

HELD_LABELS: dict[Held, Promise] = {
    Held.UNVERIFIED: gettext_lazy(
        "held: the methodology's number of years is marked unverified; confirm it from "
        "the approved text first"
    ),
    Held.YEAR_OPEN: gettext_lazy(
        "held: the year's period is not closed, and its result is the mean of its quarters"
    ),
}


def documents_text(counts: Mapping[str, int]) -> str:
    """The kinds present with their counts ("results: 12, refusal acts: 1")."""
    parts = [
        _("%(kind)s: %(count)d") % {"count": counts[code], "kind": KIND_LABELS[code]}
        for code in KIND_CODES
        if counts.get(code)
    ]
    return ", ".join(parts) if parts else _("no documents")


def _heading(item: PeriodRetention) -> str:
    period = item.period
    return _("%(body)s (%(code)s), period %(period)s") % {
        "body": period.body.name(name_lang()),
        "code": period.body.code,
        "period": period.code,
    }


def _dates(item: PeriodRetention, ended: bool) -> str:
    words = {"completed": format_date(item.completed)}
    if item.retention is None:
        return _("completed on %(completed)s") % words
    words["ends"] = format_date(item.retention.ends)
    words["cite"] = cite_text(item.retention.cite)
    if ended:
        return _("completed on %(completed)s, retention ended %(ends)s (%(cite)s)") % words
    return _("completed on %(completed)s, kept until %(ends)s (%(cite)s)") % words


def _kept(item: PeriodRetention) -> str:
    count = item.documents.get("participations", 0)
    return _(
        "kept: the period and its participations (%(count)d), without their evaluator and "
        "the reasons decided at opening"
    ) % {"count": count}


def overview_lines(overview: RetentionOverview) -> list[str]:
    """Every section of the overview, with a heading, and the empty ones said so."""
    today = format_date(overview.today)
    heading = _("Evaluation documents past their retention period on %(today)s:")
    lines = [heading % {"today": today}]
    for item in overview.past:
        lines.append(f"  {_heading(item)}: {_dates(item, True)}")
        lines.append("    " + _("to remove: %(documents)s") % _documents(item))
        lines.append(f"    {_kept(item)}")
    if not overview.past:
        lines.append("  " + _("none"))
    if overview.held:
        lines.append(_("Past their retention period but kept:"))
        for item in overview.held:
            lines.append(f"  {_heading(item)}: {_dates(item, True)}")
            lines.append(f"    {HELD_LABELS[item.held]}" if item.held else "")
    lines.append(_("Coming due within %(days)d days:") % {"days": overview.soon_days})
    for item in overview.soon:
        lines.append(f"  {_heading(item)}: {_dates(item, False)}")
        lines.append("    " + _("then to remove: %(documents)s") % _documents(item))
    if not overview.soon:
        lines.append("  " + _("none"))
    if overview.undecided:
        lines.append(_("Not decided, never removed:"))
        for item in overview.undecided:
            lines.append(f"  {_heading(item)}: {_dates(item, False)}")
            lines.append(f"    {error_message(item.refusal)}" if item.refusal else "")
    return lines


def _documents(item: PeriodRetention) -> dict[str, str]:
    return {"documents": documents_text(item.documents)}


def removed_lines(removed: list[Removed]) -> list[str]:
    if not removed:
        return [_("Nothing was removed.")]
    lines = [_("Removed:")]
    line = _(
        "%(period)s: %(documents)s; participations anonymized: %(count)d; audit record "
        "No. %(record)d"
    )
    for done in removed:
        words = {
            "period": f"{done.period.body.code} {done.period.code}",
            "documents": documents_text(done.removed),
            "count": done.anonymized,
            "record": done.record_id,
        }
        lines.append("  " + line % words)
    return lines


def item_data(item: PeriodRetention) -> dict[str, Any]:
    retention = item.retention
    return {
        "body": item.period.body.code,
        "period": item.period.code,
        "pack": item.period.pack_id,
        "completed": format_date(item.completed),
        "kept_until": format_date(retention.ends) if retention else None,
        "removable_from": format_date(retention.removable_from) if retention else None,
        "retention_years": retention.years if retention else None,
        "cite": cite_row(retention.cite) if retention else None,
        "unverified": retention.unverified if retention else None,
        "held": item.held.value if item.held else None,
        "error": error_message(item.refusal) if item.refusal else None,
        "documents": {code: item.documents.get(code, 0) for code in KIND_CODES},
        "participations_kept": item.documents.get("participations", 0),
    }


def overview_data(overview: RetentionOverview) -> dict[str, Any]:
    return {
        "today": format_date(overview.today),
        "soon_days": overview.soon_days,
        "past": [item_data(i) for i in overview.past],
        "held": [item_data(i) for i in overview.held],
        "soon": [item_data(i) for i in overview.soon],
        "undecided": [item_data(i) for i in overview.undecided],
    }


def removed_data(removed: list[Removed]) -> list[dict[str, Any]]:
    return [
        {"body": d.period.body.code, "period": d.period.code, "removed": d.removed,
         "anonymized": d.anonymized, "files": d.files, "audit_record": d.record_id}
        for d in removed
    ]  # fmt: skip
