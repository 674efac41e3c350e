"""Periods, their schedule and who takes part in them (R-PERIODS, R-SCHEDULE)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bagalau.orgs.models import Employee, Position, StateBody


class PeriodStatus(models.TextChoices):
    OPEN = "open", _("open")
    # The close runs in the background; nothing in the period can change meanwhile.
    CLOSING = "closing", _("being closed")
    CLOSED = "closed", _("closed")


class EvaluationPeriod(models.Model):
    """A quarter (``quarter`` 1-4) or a year (``quarter`` 0) opened for one body.

    ``pack_id`` is the methodology version that governs the period (the version in
    force on its last day), fixed when the period is opened. ``documents_removed_at`` is
    when its evaluation documents were removed after their retention period (R-RETAIN,
    ``cycles.retention``); the row, its participants and its schedule's state stay.
    """

    body = models.ForeignKey(StateBody, on_delete=models.PROTECT, related_name="periods")
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), default=0)
    pack_id = models.CharField(_("methodology version"), max_length=80)
    status = models.CharField(
        max_length=10, choices=PeriodStatus.choices, default=PeriodStatus.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    documents_removed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("evaluation period")
        verbose_name_plural = _("evaluation periods")
        constraints = [
            models.UniqueConstraint(fields=["body", "year", "quarter"], name="one_period_per_body"),
            models.CheckConstraint(condition=Q(quarter__lte=4), name="quarter_0_to_4"),
        ]
        ordering = ["body", "-year", "-quarter"]

    def __str__(self) -> str:
        return f"{self.body.code} {self.code}"

    @property
    def code(self) -> str:
        return f"{self.year}-Q{self.quarter}" if self.quarter else str(self.year)


class ScheduleState(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted for approval")
    APPROVED = "approved", _("approved")


class Schedule(models.Model):
    """R-SCHEDULE (004 p10): drawn up by HR, approved by the appointing official."""

    period = models.OneToOneField(
        EvaluationPeriod, on_delete=models.CASCADE, related_name="schedule"
    )
    state = models.CharField(
        max_length=12, choices=ScheduleState.choices, default=ScheduleState.DRAFT
    )
    note = models.TextField(_("note"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.period} schedule ({self.state})"


class ScheduleItem(models.Model):
    """One step of the schedule: the legal deadline, and the date HR plans it for."""

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="items")
    rule_id = models.CharField(max_length=60)
    due = models.DateField(_("legal deadline"))
    planned = models.DateField(_("planned date"))
    projected = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["schedule", "rule_id"], name="one_item_per_rule")
        ]
        ordering = ["due", "rule_id"]

    def __str__(self) -> str:
        return f"{self.rule_id} {self.planned}"


class ParticipationStatus(models.TextChoices):
    EVALUATED = "evaluated", _("evaluated")
    WITHOUT_PARTICIPATION = "without_participation", _("evaluated without participation")
    NOT_EVALUATED = "not_evaluated", _("not evaluated")


class Participation(models.Model):
    """Who is evaluated in a period and how, as decided by the domain at opening.

    ``methods`` lists method codes; ``reasons`` keeps each reason's code, citation and
    details so that the "why" can be shown without recomputing.
    """

    period = models.ForeignKey(
        EvaluationPeriod, on_delete=models.CASCADE, related_name="participations"
    )
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="participations")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="+")
    evaluator = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="evaluations_given"
    )
    status = models.CharField(max_length=24, choices=ParticipationStatus.choices)
    methods = models.JSONField(default=list)
    reasons = models.JSONField(default=list)
    unverified = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period", "employee"], name="one_participation_per_period"
            )
        ]
        indexes = [models.Index(fields=["period", "evaluator"], name="participation_evaluator")]

    def __str__(self) -> str:
        return f"{self.period} {self.employee_id} {self.status}"
