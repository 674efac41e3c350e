"""Results and the state every evaluation sheet and result goes through."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bagalau.cycles.models.periods import Participation


class SheetState(models.TextChoices):
    """Evaluation sheets and results: draft → submitted → (returned → submitted) → approved."""

    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned for correction")
    APPROVED = "approved", _("approved")


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
