"""Tables shared by the whole shell."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DayTransfer(models.Model):
    """A day off moved by a government decree (демалыс күнін ауыстыру).

    The ``holidays`` package knows the transfers announced so far; an administrator adds
    the later ones here so deadlines count them without a new release.
    """

    rest_day = models.DateField(_("day off"), unique=True)
    work_day = models.DateField(_("working day"), unique=True)
    basis = models.CharField(
        _("basis"),
        max_length=500,
        help_text=_("The act that moved the day, e.g. the Government decree number and date."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("day transfer")
        verbose_name_plural = _("day transfers")
        ordering = ("-rest_day",)
        constraints = (
            models.CheckConstraint(
                condition=~models.Q(rest_day=models.F("work_day")),
                name="day_transfer_days_differ",
            ),
        )

    def __str__(self) -> str:
        return f"{self.rest_day:%d.%m.%Y} ↔ {self.work_day:%d.%m.%Y}"
