"""KPI plans and sheets (R-KPI-PLAN, R-KPI-SCORE)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bagalau.cycles.models.periods import Participation
from bagalau.cycles.models.results import SheetState
from bagalau.orgs.models import Employee, StateBody


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

    It covers the pack's plan period (``kpi.plan_period``): a year (``quarter`` 0) for
    the methodologies of this generation, evaluated each quarter against it (004 p4;
    docs/adr/0010), or one quarter where a body's text says so. A change after approval
    (R-KPI-CHANGE, 004 p25) creates a new revision that ``supersedes`` the old one;
    both are kept, and each quarter's sheet keeps the revision it was scored on.
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
    # A year's plan may plan each quarter; a quarter left empty is measured against
    # ``planned_value`` (domain.plan_period.planned_for).
    planned_q1 = models.DecimalField(
        _("planned for the 1st quarter"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    planned_q2 = models.DecimalField(
        _("planned for the 2nd quarter"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    planned_q3 = models.DecimalField(
        _("planned for the 3rd quarter"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    planned_q4 = models.DecimalField(
        _("planned for the 4th quarter"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    due = models.DateField(_("deadline"), null=True, blank=True)
    key_result = models.TextField(_("key result"), blank=True)

    class Meta:
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "order"], name="kpi_item_order")]

    def __str__(self) -> str:
        return f"{self.order}. {self.name[:60]}"

    @property
    def planned_by_quarter(self) -> dict[int, Decimal | None]:
        return {1: self.planned_q1, 2: self.planned_q2, 3: self.planned_q3, 4: self.planned_q4}


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
