"""Familiarization with a result and the application against it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bagalau.cycles.models.results import Result
from bagalau.orgs.models import Employee


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
