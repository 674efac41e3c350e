"""Bonus points (Almaty 2017)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bagalau.cycles.models.periods import Participation
from bagalau.orgs.models import Employee


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
