"""Ranking sheets (R-RANK) and their entries."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from bagalau.cycles.models.periods import EvaluationPeriod, Participation
from bagalau.cycles.models.results import SheetState
from bagalau.orgs.models import Employee


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
