"""Tables of the evaluation cycle. Rules live in ``bagalau.domain``; these rows hold
the facts (who scored what, when) and the workflow state, with a ``version`` counter
on everything two people may edit at once (a stale save is refused, never merged)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bagalau.orgs.models import Employee, Position, StateBody


class PeriodStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class EvaluationPeriod(models.Model):
    """A quarter (``quarter`` 1-4) or a year (``quarter`` 0) opened for one body.

    ``pack_id`` is the methodology version that governs the period (the version in
    force on its last day), fixed when the period is opened.
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


class SheetState(models.TextChoices):
    """Evaluation sheets and results: draft → submitted → (returned → submitted) → approved."""

    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned for correction")
    APPROVED = "approved", _("approved")


class PlanState(models.TextChoices):
    DRAFT = "draft", _("draft")
    AGREED = "agreed", _("agreed by HR")
    APPROVED = "approved", _("approved")
    PLACED = "placed", _("placed in the system")
    SUPERSEDED = "superseded", _("superseded by a change")


class PlanKind(models.TextChoices):
    KPI = "kpi", _("KPI (3 to 5, scored 0-5)")
    COUNT_KPI = "count_kpi", _("KPI counted as achieved or not")


class KpiPlan(models.Model):
    """The individual work plan with KPIs (R-KPI-PLAN, 004 p22; 001 p2(13), app. 9).

    A change after approval (R-KPI-CHANGE, 004 p25) creates a new revision that
    ``supersedes`` the old one; both are kept.
    """

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="kpi_plans")
    body = models.ForeignKey(StateBody, on_delete=models.PROTECT, related_name="kpi_plans")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=12, choices=PlanKind.choices, default=PlanKind.KPI)
    evaluator = models.ForeignKey(Employee, null=True, on_delete=models.SET_NULL, related_name="+")
    state = models.CharField(max_length=12, choices=PlanState.choices, default=PlanState.DRAFT)
    revision = models.PositiveIntegerField(default=1)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    change_ground = models.CharField(max_length=40, blank=True)
    change_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreed_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    placed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["body", "year", "quarter"], name="kpi_plan_period")]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "year", "quarter", "kind", "revision"], name="one_plan_revision"
            )
        ]

    def __str__(self) -> str:
        return (
            f"plan {self.employee_id} {self.year}-Q{self.quarter} r{self.revision} ({self.state})"
        )


class KpiItem(models.Model):
    """One KPI of a plan, with the fields of the plan form."""

    plan = models.ForeignKey(KpiPlan, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField()
    name = models.TextField(_("KPI"))
    source = models.TextField(_("planning document or source indicator"), blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    planned_value = models.DecimalField(
        _("planned value"), max_digits=16, decimal_places=4, null=True
    )
    due = models.DateField(_("deadline"), null=True, blank=True)
    key_result = models.TextField(_("key result"), blank=True)

    class Meta:
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "order"], name="kpi_item_order")]

    def __str__(self) -> str:
        return f"{self.order}. {self.name[:60]}"


class KpiSheet(models.Model):
    """The KPI evaluation sheet of one person for a period (004 app. 2; 001 app. 10)."""

    participation = models.OneToOneField(
        Participation, on_delete=models.CASCADE, related_name="kpi_sheet"
    )
    plan = models.ForeignKey(KpiPlan, on_delete=models.PROTECT, related_name="sheets")
    state = models.CharField(max_length=12, choices=SheetState.choices, default=SheetState.DRAFT)
    return_reason = models.TextField(blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    on_paper = models.BooleanField(default=False)
    scan = models.FileField(upload_to="scans/%Y/", blank=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"KPI sheet {self.participation_id} ({self.state})"


class KpiSheetLine(models.Model):
    """A KPI on the sheet: HR's pre-calculated actual, the % and the evaluator's score
    (or, for the count-based variant, whether the KPI was fully achieved)."""

    sheet = models.ForeignKey(KpiSheet, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(KpiItem, on_delete=models.PROTECT, related_name="+")
    actual_value = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    percent = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    achieved = models.BooleanField(null=True, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sheet", "item"], name="one_line_per_kpi")]
        ordering = ["item__order"]

    def __str__(self) -> str:
        return f"{self.sheet_id}/{self.item_id}"


class RankingSheet(models.Model):
    """R-RANK (004 p28-32): one evaluator's team page for a quarter."""

    period = models.ForeignKey(
        EvaluationPeriod, on_delete=models.CASCADE, related_name="ranking_sheets"
    )
    evaluator = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="ranking_sheets")
    state = models.CharField(max_length=12, choices=SheetState.choices, default=SheetState.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period", "evaluator"], name="one_ranking_sheet_per_evaluator"
            )
        ]

    def __str__(self) -> str:
        return f"ranking {self.period_id} by {self.evaluator_id} ({self.state})"


class RankingEntry(models.Model):
    """One subordinate on the team page: a 0-5 score per parameter of the pack's sheet."""

    sheet = models.ForeignKey(RankingSheet, on_delete=models.CASCADE, related_name="entries")
    participation = models.OneToOneField(
        Participation, on_delete=models.CASCADE, related_name="ranking_entry"
    )
    scores = models.JSONField(default=dict)
    comment = models.TextField(blank=True)
    on_paper = models.BooleanField(default=False)
    scan = models.FileField(upload_to="scans/%Y/", blank=True)

    def __str__(self) -> str:
        return f"{self.sheet_id}/{self.participation_id}"


class BonusAward(models.Model):
    """Almaty 2017 (002 p17-18, app. 1-1): an activity of the scale worth +1..+5."""

    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="bonus_awards"
    )
    points = models.PositiveSmallIntegerField()
    activity = models.PositiveSmallIntegerField()  # index in the pack's list for that level
    evidence = models.TextField(_("evidence"))
    awarded_by = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    awarded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"+{self.points} {self.participation_id}"


class Result(models.Model):
    """A computed result: score, band, and the "why" (inputs, citations, unverified
    values), final only when approved. Quarter results feed the annual one."""

    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="results"
    )
    method = models.CharField(max_length=20)
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    band = models.CharField(max_length=30, blank=True)
    inputs = models.JSONField(default=dict)
    cites = models.JSONField(default=list)
    unverified = models.JSONField(default=list)
    state = models.CharField(max_length=12, choices=SheetState.choices, default=SheetState.DRAFT)
    computed_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "method"], name="one_result_per_method"
            )
        ]

    def __str__(self) -> str:
        return f"result {self.participation_id} {self.method} {self.score} {self.band}"


class FamiliarizationChannel(models.TextChoices):
    """R-FAMILIARIZE; 001 p11: how an absent employee was told, by recorded means.

    Values are the codes of ``domain.familiarization.Channel`` and of the packs."""

    SYSTEM = "system", _("in the system")
    WRITTEN = "written", _("in writing, signed")
    REGISTERED_LETTER = "registered_letter", _("registered letter")
    TELEPHONOGRAM = "telephonogram", _("telephonogram")
    TELEGRAM = "telegram", _("telegram")
    SMS = "sms", _("SMS")
    EMAIL = "email", _("e-mail")
    OTHER = "other_recorded", _("other recorded means")


class Familiarization(models.Model):
    """The employee made acquainted with a result, or the record of how and when.

    ``at`` is when it happened (acknowledged, notified, or refused in writing);
    ``recorded_at`` when it was entered. ``due`` is the deadline it was counted
    against (R-FAMILIARIZE), ``late`` whether ``at`` fell after it. A refusal
    (000 p41, 003 p40) keeps its act's number and its two witnesses.
    """

    result = models.OneToOneField(Result, on_delete=models.CASCADE, related_name="familiarization")
    channel = models.CharField(max_length=20, choices=FamiliarizationChannel.choices)
    at = models.DateTimeField()
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    due = models.DateField(_("familiarization deadline"), null=True, blank=True)
    late = models.BooleanField(default=False)
    refused = models.BooleanField(default=False)
    act_number = models.CharField(_("act number"), max_length=40, blank=True)
    witness_one = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    witness_two = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"familiarization {self.result_id} {self.channel}"


class Disagreement(models.Model):
    """R-DISAGREE (004 p12): the employee's free-form application after familiarization,
    one per result; ``due`` is the last day of the window it was submitted in."""

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="disagreements")
    text = models.TextField(_("application"))
    submitted_at = models.DateTimeField(default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    due = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["result"], name="one_disagreement_per_result")
        ]

    def __str__(self) -> str:
        return f"disagreement {self.result_id}"
