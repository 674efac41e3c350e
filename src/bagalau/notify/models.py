"""Notices (хабарлама / уведомление) to the person who owes the next step of the cycle."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bagalau.cycles.models import EvaluationPeriod, Participation


class NoticeKind(models.TextChoices):
    """What a notice is about; its text is rendered in the reader's language from ``params``."""

    DEADLINE_SOON = "deadline_soon", _("deadline approaching")
    DEADLINE_PASSED = "deadline_passed", _("deadline passed")
    RESULT_READY = "result_ready", _("result ready for familiarization")
    STEP_WAITING = "step_waiting", _("a step is waiting for you")
    RETENTION_DUE = "retention_due", _("documents past their retention period")


class Notification(models.Model):
    """One notice to one user. ``key`` makes sending idempotent: the same notice is never
    created twice, so reminders and the quarter close can run again safely. ``params``
    holds only what the text needs (deadline id, date, period code) — never a score,
    since results are confidential (R-CONFIDENTIAL) and e-mail leaves the system."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30, choices=NoticeKind.choices)
    key = models.CharField(max_length=200, unique=True)
    period = models.ForeignKey(
        EvaluationPeriod, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    participation = models.ForeignKey(
        Participation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    rule_id = models.CharField(max_length=60, blank=True)
    due = models.DateField(null=True, blank=True)
    params = models.JSONField(default=dict)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["recipient", "read_at"], name="notice_unread")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"


class NoticeLanguage(models.Model):
    """The language a user reads e-mailed notices in; without a row, the site's default
    (``settings.LANGUAGE_CODE``). Chosen by the user on the notices page."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_language"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)

    def __str__(self) -> str:
        return f"{self.user_id} {self.language}"
