"""Roles people hold in a state body, and failed sign-in attempts.

A role here is granted explicitly per body. The relational roles (direct and superior
manager, department head) are never stored: ``bagalau.access`` derives them from the
structure on the day asked about.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Roles granted per body (004 p2, p10, p17-20)."""

    HR = "hr", _("authorized person (HR service)")
    APPOINTING_OFFICIAL = "appointing_official", _("appointing official")
    COMMISSION_MEMBER = "commission_member", _("commission or calibration member")
    AUDITOR = "auditor", _("auditor (read only)")


class RoleAssignment(models.Model):
    """``user`` holds ``role`` in ``body`` from ``granted_at`` until revoked (row deleted)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    body = models.ForeignKey(
        "orgs.StateBody",
        verbose_name=_("state body"),
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "body", "role"], name="role_assignment_unique")
        ]
        indexes = [models.Index(fields=["body", "role"], name="role_assignment_body_role")]
        ordering = ["body", "role", "user"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.role} @ {self.body_id}"


class LoginAttempt(models.Model):
    """One failed sign-in for a username from an address; a successful sign-in deletes
    that username's rows. Counted per username and address, and per address
    (``bagalau.accounts.throttle``).

    Kept in the database rather than the cache: application servers are stateless and
    the default cache is per process, so a cache counter would let an attacker spread
    guesses over the servers. Never holds the password tried.
    """

    username = models.CharField(_("username"), max_length=150)
    at = models.DateTimeField(_("time"), default=timezone.now)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        verbose_name = _("failed sign-in")
        verbose_name_plural = _("failed sign-ins")
        indexes = [
            models.Index(fields=["username", "at"], name="login_attempt_username_at"),
            models.Index(fields=["at"], name="login_attempt_at"),
            models.Index(fields=["address", "at"], name="login_attempt_address_at"),
        ]

    def __str__(self) -> str:
        return f"{self.username} {self.at:%d.%m.%Y %H:%M}"
