"""Deadlines in words, in the reader's language, for a deadline that has no date yet:
"2 working days after the sheet is returned to the evaluator", built from the rule's
kind, count and the event it is counted from; and whom a method's deadlines are only for.

``EVENT_LABELS`` names every event a pack's deadline may be counted from
(``domain.methodology.EXTERNAL_EVENTS``), as it reads after "after" or "before" in the
rule's sentence.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from bagalau.core.labels import cite_text, code_label, ui_lang
from bagalau.domain.calendar import format_date
from bagalau.domain.law import DateRange
from bagalau.domain.methodology import DeadlineKind, DeadlineRule, MethodRule, Pack

EVENT_LABELS: dict[str, Promise] = {
    "period_start": gettext_lazy("the period starts"),
    # the first day of the period the work plan covers: 1 January for yearly plans
    "plan_period_start": gettext_lazy("the work plan's period starts"),
    "evaluation_opened": gettext_lazy("HR opens the evaluation"),
    "appointment": gettext_lazy("the appointment to the position"),
    "kpi_set": gettext_lazy("the KPIs are set"),
    "evaluation_completed": gettext_lazy("the evaluation is completed"),
    "evaluation_deadline": gettext_lazy("the last day of the evaluation"),
    "familiarized": gettext_lazy("the employee is made familiar with the results"),
    "application_received": gettext_lazy("the application for a calibration session is received"),
    "protocol_signed": gettext_lazy("the protocol is signed"),
    # Atyrau ch. 6 (001 p54-69): the sheet's review, the Commission, the results, the appeal
    "sheet_returned": gettext_lazy("the sheet is returned to the evaluator"),
    "sheet_agreed": gettext_lazy("the superior manager signs the sheet"),
    "commission_meeting": gettext_lazy("the Commission's sitting"),
    "commission_decision": gettext_lazy("the Commission's decision"),
    "results_approved": gettext_lazy("the authorized person approves the results"),
}


def event_label(name: str, pack: Pack) -> str:
    """The event in words; a deadline counted from another deadline names that one."""
    label = EVENT_LABELS.get(name)
    if label is not None:
        return str(label)
    rule = next((r for r in pack.rules.deadlines if r.id == name), None)
    if rule is not None:
        return _("the deadline “%(name)s”") % {"name": rule.name.get(ui_lang())}
    return name


def rule_words(rule: DeadlineRule, pack: Pack) -> str:
    """The rule as a sentence: "2 working days after the sheet is returned to the evaluator"."""
    count = rule.count
    if rule.kind is DeadlineKind.DAY_OF_MONTH_AFTER_PERIOD:
        return _("not later than day %(day)s of the month after the period") % {"day": count}
    values = {"count": count, "event": event_label(rule.after, pack)}
    if rule.kind is DeadlineKind.WORKING_DAYS_AFTER:
        text = ngettext(
            "%(count)s working day after %(event)s",
            "%(count)s working days after %(event)s",
            count,
        )
    elif rule.kind is DeadlineKind.WORKING_DAYS_BEFORE:
        text = ngettext(
            "%(count)s working day before %(event)s",
            "%(count)s working days before %(event)s",
            count,
        )
    else:
        text = ngettext(
            "%(count)s calendar day after %(event)s",
            "%(count)s calendar days after %(event)s",
            count,
        )
    return text % values


def event_hint(event: str) -> str:
    """The command-line option that would date a deadline counted from ``event``."""
    return f"--event {event}=dd.mm.yyyy"


def method_name(rule: MethodRule) -> str:
    return code_label(rule.method.value)


def only_for_words(rule: MethodRule) -> str:
    """Whom and when the method applies to, each with its citation (Atyrau 001 p5, No. 105
    p2): "only for those on social or sick leave from 01.07.2021 to 31.12.2022 (…);
    acts from 30.06.2023 to 31.08.2023 (…)"."""
    parts = []
    if rule.absent_between is not None:
        parts.append(
            _("only for those on social or sick leave %(span)s (%(cite)s)")
            % {"span": span_words(rule.absent_between), "cite": cite_text(rule.cite)}
        )
    if rule.in_force is not None:
        cite = cite_text(rule.in_force_cite or rule.cite)
        parts.append(
            _("acts %(span)s (%(cite)s)") % {"span": span_words(rule.in_force), "cite": cite}
        )
    return "; ".join(parts)


def span_words(span: DateRange) -> str:
    """ "from 30.06.2023 to 31.08.2023", or "from 30.06.2023" when it has no end."""
    if span.end is None:
        return _("from %(start)s") % {"start": format_date(span.start)}
    return _("from %(start)s to %(end)s") % {
        "start": format_date(span.start),
        "end": format_date(span.end),
    }
