"""One row per background run (фондық жұмыс / фоновая задача): what it acts on, who
started it, how far it got and how it ended. The task queue (django-tasks) only carries
the run's id; this row is what pages show and what recovery reads."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RunKind(models.TextChoices):
    """What a run does. A capability adds its kind here (and a migration for the choices)."""

    CLOSE_PERIOD = "close_period", _("closing the period")
    IMPORT_STAFF = "import_staff", _("staff import")
    SEND_EMAIL = "send_email", _("sending e-mail")
    REMIND = "remind", _("daily reminders")
    RETENTION = "retention", _("documents past their retention period")
    CHECK = "check", _("worker check")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


ACTIVE = (RunStatus.QUEUED, RunStatus.RUNNING)


class TaskRun(models.Model):
    """A run of one task on one thing (``key``, e.g. ``period:12``). While it is queued or
    running, no second run of the same kind and key can start; a ``once`` run (a daily
    schedule slot such as ``remind:2026-12-07``) can never be created twice."""

    kind = models.CharField(max_length=40, choices=RunKind.choices)
    key = models.CharField(max_length=200)
    once = models.BooleanField(default=False)
    # No foreign key: jobs sits below orgs, so it keeps only the body's id.
    body_id = models.BigIntegerField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    stage = models.CharField(max_length=40, blank=True)
    processed = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    params = models.JSONField(default=dict, blank=True)
    outcome = models.JSONField(default=dict, blank=True)
    error_code = models.CharField(max_length=60, blank=True)
    error_params = models.JSONField(default=dict, blank=True)
    task_path = models.CharField(max_length=200)
    task_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key"],
                condition=Q(status__in=["queued", "running"]),
                name="jobs_one_active_run",
            ),
            models.UniqueConstraint(
                fields=["kind", "key"], condition=Q(once=True), name="jobs_once_per_key"
            ),
        ]
        indexes = [
            models.Index(fields=["body_id", "kind", "-created_at"], name="jobs_run_of_body"),
            models.Index(fields=["status", "heartbeat_at"], name="jobs_run_status"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} {self.status}"

    @property
    def finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)
