"""A notice's text in the reader's language, built at display time from its kind and
``params`` (step, deadline rule, pack, due date): never a score or a band, since
results are confidential (R-CONFIDENTIAL, 004 p15) and e-mail leaves the system."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from bagalau.core.labels import cite_text, name_lang
from bagalau.domain.calendar import format_date
from bagalau.domain.errors import DomainError
from bagalau.domain.progress import Owner, Status, Step
from bagalau.notify.models import NoticeKind, Notification
from bagalau.packs import registry

STEP_LABELS: dict[str, Promise] = {
    Step.DRAFT_KPI_PLAN: gettext_lazy("draft the individual work plan with KPIs"),
    Step.AGREE_KPI_PLAN: gettext_lazy("agree the KPI plan (HR)"),
    Step.APPROVE_KPI_PLAN: gettext_lazy("approve the KPI plan"),
    Step.PLACE_KPI_PLAN: gettext_lazy("place the KPI plan in the system"),
    Step.OPEN_KPI_SHEET: gettext_lazy("open the KPI evaluation sheet"),
    Step.ENTER_KPI_ACTUALS: gettext_lazy("enter the actual values of the KPIs"),
    Step.SCORE_KPI: gettext_lazy("score the KPIs and submit the sheet"),
    Step.REVIEW_KPI_SHEET: gettext_lazy("agree or return the KPI evaluation sheet"),
    Step.SCORE_RANKING: gettext_lazy("score the team's ranking sheet and submit it"),
    Step.REVIEW_RANKING: gettext_lazy("approve or return the team's ranking sheet"),
    Step.APPROVE_RESULT: gettext_lazy("approve the evaluation result"),
    Step.FAMILIARIZE: gettext_lazy("get acquainted with the evaluation result"),
    Step.NONE: gettext_lazy("all steps done"),
}

OWNER_LABELS: dict[str, Promise] = {
    Owner.EVALUATOR: gettext_lazy("evaluator"),
    Owner.SUPERIOR_MANAGER: gettext_lazy("superior manager"),
    Owner.HR: gettext_lazy("HR service"),
    Owner.APPOINTING_OFFICIAL: gettext_lazy("appointing official"),
    Owner.EMPLOYEE: gettext_lazy("the employee"),
}

STATUS_LABELS: dict[str, Promise] = {
    Status.DONE: gettext_lazy("done"),
    Status.PENDING: gettext_lazy("pending"),
    Status.DUE_SOON: gettext_lazy("due soon"),
    Status.OVERDUE: gettext_lazy("overdue"),
}


def ui_lang() -> str:
    """The page's language for the packs' texts, which exist in all three languages."""
    return (translation.get_language() or "ru")[:2]


@dataclass(frozen=True)
class NoticeText:
    title: str
    detail: str


def notice_text(notice: Notification) -> NoticeText:
    """The notice in the active language; the caller selects the language."""
    params = notice.params
    lang = name_lang()
    step = str(STEP_LABELS.get(params.get("step", ""), params.get("step", "")))
    words = {"step": step, "who": _who(notice, lang), "period": _period(notice, lang)}
    if notice.kind == NoticeKind.DEADLINE_SOON:
        words["due"] = _due(notice.due)
        title = _("Due by %(due)s: %(step)s — %(who)s, %(period)s.") % words
    elif notice.kind == NoticeKind.DEADLINE_PASSED:
        words["due"] = _due(notice.due)
        title = _("Overdue since %(due)s: %(step)s — %(who)s, %(period)s.") % words
    elif notice.kind == NoticeKind.RESULT_READY:
        title = _("A result is ready for familiarization — %(who)s, %(period)s.") % words
    elif notice.kind == NoticeKind.RETENTION_DUE:
        return _retention_text(notice, words["period"])
    else:
        title = _("Waiting for you: %(step)s — %(who)s, %(period)s.") % words
    return NoticeText(title, _rule(notice))


def _retention_text(notice: Notification, period: str) -> NoticeText:
    """R-RETAIN (004 p14): the period's documents were kept to ``due``; they wait for a
    person to confirm their removal, which the system never does on its own."""
    title = _(
        "The evaluation documents of %(period)s were kept until %(due)s, the end of their "
        "retention period: confirm their removal with bagalau retention --remove."
    ) % {"period": period, "due": _due(notice.due)}
    try:
        rule = registry().pack(notice.params.get("pack", "")).rules.retention_years
    except DomainError:
        rule = None
    return NoticeText(title, cite_text(rule.cite) if rule is not None else "")


def _due(day: date | None) -> str:
    return format_date(day) if day else "—"


def _who(notice: Notification, lang: str) -> str:
    if notice.participation is not None:
        return notice.participation.employee.full_name(lang)
    count = int(notice.params.get("count", 0))
    return ngettext("%(count)d person", "%(count)d people", count) % {"count": count}


def _period(notice: Notification, lang: str) -> str:
    if notice.period is None:
        return ""
    return f"{notice.period.body.name(lang)} {notice.period.code}"


def _rule(notice: Notification) -> str:
    """The deadline's name and citation from the pack that governs the period."""
    rule_id, pack_id = notice.rule_id, notice.params.get("pack", "")
    if not rule_id or not pack_id:
        return ""
    try:
        pack = registry().pack(pack_id)
    except DomainError:
        return rule_id
    rule = next((r for r in pack.rules.deadlines if r.id == rule_id), None)
    if rule is None:
        return rule_id
    return f"{rule.name.get(ui_lang())} ({cite_text(rule.cite)})"
