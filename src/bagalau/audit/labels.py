"""Audit records shown for people: object kinds and field names as translated labels,
and the notes services write (citation labels, fixed phrases) in the reader's language.

The records keep keys and labels as written (stable for machines and exports); only the
page translates them."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bagalau.core.labels import cite_text
from bagalau.domain.calendar import format_date
from bagalau.domain.law import Cite
from bagalau.packs import registry

# Kinds whose models carry no translated name of their own.
OBJECT_LABELS: dict[str, Promise] = {
    "cycles.evaluationperiod": gettext_lazy("evaluation period"),
    "cycles.schedule": gettext_lazy("evaluation schedule"),
    "cycles.scheduleitem": gettext_lazy("schedule step"),
    "cycles.participation": gettext_lazy("participation in the evaluation"),
    "cycles.bonusaward": gettext_lazy("bonus points award"),
    "cycles.result": gettext_lazy("evaluation result"),
    "cycles.familiarization": gettext_lazy("familiarization with the result"),
    "cycles.disagreement": gettext_lazy("disagreement with the result"),
    "cycles.kpiplan": gettext_lazy("individual work plan (KPI)"),
    "cycles.kpiitem": gettext_lazy("KPI of a plan"),
    "cycles.kpisheet": gettext_lazy("KPI evaluation sheet"),
    "cycles.kpisheetline": gettext_lazy("line of a KPI evaluation sheet"),
    "cycles.rankingsheet": gettext_lazy("ranking sheet"),
    "cycles.rankingentry": gettext_lazy("line of a ranking sheet"),
    "orgs.importjob": gettext_lazy("staff import"),
}

FIELD_LABELS: dict[str, Promise] = {
    "achieved": gettext_lazy("achieved"),
    "act_number": gettext_lazy("act number"),
    "actual_value": gettext_lazy("actual value"),
    "agreed_at": gettext_lazy("agreed on"),
    "agreed_by_id": gettext_lazy("agreed by"),
    "anonymized": gettext_lazy("anonymized"),
    "approved_at": gettext_lazy("approved on"),
    "approved_by_id": gettext_lazy("approved by"),
    "band": gettext_lazy("band"),
    "body_id": gettext_lazy("state body"),
    "category": gettext_lazy("category"),
    "change_ground": gettext_lazy("ground for the change"),
    "change_reason": gettext_lazy("reason for the change"),
    "cites": gettext_lazy("citations"),
    "closed_at": gettext_lazy("closed on"),
    "code": gettext_lazy("code"),
    "comment": gettext_lazy("comment"),
    "completed_on": gettext_lazy("evaluation completed on"),
    "computed_at": gettext_lazy("computed on"),
    "confirmed": gettext_lazy("removal confirmed"),
    "created_by_id": gettext_lazy("created by"),
    "date": gettext_lazy("date"),
    "department_id": gettext_lazy("department"),
    "documents_removed_at": gettext_lazy("documents removed on"),
    "due": gettext_lazy("deadline"),
    "email": gettext_lazy("e-mail"),
    "employee_id": gettext_lazy("employee"),
    "end": gettext_lazy("end"),
    "evaluator_id": gettext_lazy("evaluator"),
    "first_name_kk": gettext_lazy("first name (Kazakh)"),
    "first_name_ru": gettext_lazy("first name (Russian)"),
    "iin": gettext_lazy("IIN"),
    "inputs": gettext_lazy("inputs of the computation"),
    "is_active": gettext_lazy("active"),
    "is_head_of_apparatus": gettext_lazy("head of apparatus"),
    "is_head_of_unit": gettext_lazy("head of a unit"),
    "items": gettext_lazy("KPIs"),
    "kept_until": gettext_lazy("kept until"),
    "key_result": gettext_lazy("key result"),
    "kind": gettext_lazy("kind"),
    "last_name_kk": gettext_lazy("last name (Kazakh)"),
    "last_name_ru": gettext_lazy("last name (Russian)"),
    "lines": gettext_lazy("lines"),
    "method": gettext_lazy("method"),
    "methodology_code": gettext_lazy("methodology"),
    "methodology_from": gettext_lazy("methodology applied from"),
    "middle_name_kk": gettext_lazy("patronymic (Kazakh)"),
    "middle_name_ru": gettext_lazy("patronymic (Russian)"),
    "name_kk": gettext_lazy("name (Kazakh)"),
    "name_ru": gettext_lazy("name (Russian)"),
    "note": gettext_lazy("note"),
    "notified": gettext_lazy("notified"),
    "on_paper": gettext_lazy("on paper"),
    "opened_at": gettext_lazy("opened on"),
    "opened_by_id": gettext_lazy("opened by"),
    "pack_id": gettext_lazy("methodology version"),
    "parent_id": gettext_lazy("parent body"),
    "participants": gettext_lazy("participants"),
    "participation_id": gettext_lazy("participation"),
    "percent": gettext_lazy("% achieved"),
    "period_id": gettext_lazy("evaluation period"),
    "placed_at": gettext_lazy("placed on"),
    "plan_id": gettext_lazy("plan"),
    "planned_value": gettext_lazy("planned value"),
    "points": gettext_lazy("points"),
    "position_id": gettext_lazy("position"),
    "quarter": gettext_lazy("quarter"),
    "reason": gettext_lazy("reason"),
    "refused": gettext_lazy("refused"),
    "region_kk": gettext_lazy("region (Kazakh)"),
    "region_ru": gettext_lazy("region (Russian)"),
    "removed": gettext_lazy("removed"),
    "removed_ids": gettext_lazy("numbers of what was removed"),
    "reports_to_id": gettext_lazy("reports to"),
    "results": gettext_lazy("results"),
    "retention_years": gettext_lazy("retention period, years"),
    "return_reason": gettext_lazy("reason for returning"),
    "returned_at": gettext_lazy("returned on"),
    "revision": gettext_lazy("revision"),
    "role": gettext_lazy("role"),
    "rule": gettext_lazy("rule"),
    "score": gettext_lazy("score"),
    "scores": gettext_lazy("scores"),
    "start": gettext_lazy("start"),
    "state": gettext_lazy("state"),
    "status": gettext_lazy("status"),
    "submitted_at": gettext_lazy("submitted on"),
    "supersedes_id": gettext_lazy("replaces"),
    "title_kk": gettext_lazy("title (Kazakh)"),
    "title_ru": gettext_lazy("title (Russian)"),
    "unit": gettext_lazy("unit"),
    "unverified": gettext_lazy("unverified rules used"),
    "user_id": gettext_lazy("user"),
    "version": gettext_lazy("version"),
    "year": gettext_lazy("year"),
}

_DATED = re.compile(r"^(close started on|closed on) (\d{4}-\d{2}-\d{2})$")


def object_label(label: str) -> str:
    """The kind of object, e.g. "ranking sheet", in the active language."""
    if label in OBJECT_LABELS:
        return str(OBJECT_LABELS[label])
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


def object_text(label: str, object_id: object, text: str) -> str:
    """The object as the page names it: its kind and, for the cycle's records (whose
    stored text is internal, "result 47 kpi 4.67"), its number; otherwise its name."""
    if label.startswith("cycles."):
        return _("%(kind)s No. %(id)s") % {"kind": object_label(label), "id": object_id}
    return f"{object_label(label)}: {text}"


def shown_value(object_type: str, field: str, value: Any) -> Any:
    """A snapshot's value for people: a choice by its translated name, ISO dates and
    moments as dd.mm.yyyy (HH:MM local), flags as yes/no, nested data as compact JSON
    (shown as code); anything else as stored."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict | list):
        return {"code": json.dumps(value, ensure_ascii=False, default=str)}
    if isinstance(value, str):
        return _choice(object_type, field, value) or _moment(value) or value
    return value


def _choice(object_type: str, field: str, value: str) -> str:
    try:
        choices = apps.get_model(object_type)._meta.get_field(field).choices or ()
    except (LookupError, ValueError, FieldDoesNotExist):
        return ""
    return next((str(label) for code, label in choices if code == value), "")


def _moment(text: str) -> str:
    if len(text) == 10:
        return _day(text)
    if len(text) > 10 and text[10] == "T":
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return ""
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return f"{format_date(moment.date())} {moment:%H:%M}"
    return ""


def field_label(name: str) -> str | None:
    """A field's name for people, or None where it has none (the key is then shown as code)."""
    label = FIELD_LABELS.get(name)
    return str(label) if label is not None else None


def _day(iso: str) -> str:
    try:
        return format_date(date.fromisoformat(iso))
    except ValueError:
        return ""


# What services write as a note: the object shown, or the page or answer that showed scores.
_FIXED_NOTES = {
    "scan": gettext_lazy("the scan of the signed sheet"),
    "refusal act": gettext_lazy("the refusal act"),
    "ranking team page": gettext_lazy("the team's ranking sheet page"),
    "ranking review page": gettext_lazy("the review page of a ranking sheet"),
    "paper sheet page": gettext_lazy("the page of a sheet entered from paper"),
    "KPI sheet page": gettext_lazy("the KPI evaluation sheet page"),
    "API: KPI sheet": gettext_lazy("API: the KPI evaluation sheet"),
    "API: ranking team sheet": gettext_lazy("API: the team's ranking sheet"),
    "API: ranking sheet review": gettext_lazy("API: the review of a ranking sheet"),
}


def note_text(note: str) -> str:
    """A service's note in the active language; a person's own words stay as written."""
    if (fixed := _FIXED_NOTES.get(note)) is not None:
        return str(fixed)
    if (dated := _DATED.match(note)) and (day := _day(dated.group(2))):
        if dated.group(1) == "closed on":
            return _("closed on %(date)s") % {"date": day}
        return _("close started on %(date)s") % {"date": day}
    cite = Cite.from_label(note)
    if cite is not None and registry().act(cite.act) is not None:
        return cite_text(cite)
    return note
