"""Forms of the period pages: they parse the input; the domain and the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bagalau.core import clock
from bagalau.core.messages import error_message
from bagalau.domain.calendar import Period, check_opening
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.orgs.forms import date_field

QUARTER_CHOICES = [
    ("0", _("the whole year")),
    ("1", _("1st quarter")),
    ("2", _("2nd quarter")),
    ("3", _("3rd quarter")),
    ("4", _("4th quarter")),
]


class OpenPeriodForm(forms.Form):
    """A quarter or a year (R-PERIODS, 004 p4)."""

    year = forms.IntegerField(
        label=_("year"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": 4}),
        error_messages={"invalid": _("Write the year as four digits, for example 2024.")},
    )
    quarter = forms.ChoiceField(label=_("period"), choices=QUARTER_CHOICES)
    in_advance = forms.BooleanField(
        label=_("Open it in advance: I know that this period has not started yet"),
        required=False,
    )

    def period(self) -> Period:
        """The period asked for; ``DomainError`` (BAD_PERIOD) when the year is impossible."""
        return Period(self.cleaned_data["year"], int(self.cleaned_data["quarter"]))

    def clean(self) -> dict[str, Any]:
        """A period not started yet opens only with ``in_advance`` ticked (the domain's
        check_opening); the refusal says when it starts, at the box to tick."""
        data = super().clean() or {}
        if "year" not in data or "quarter" not in data:
            return data
        try:
            check_opening(self.period(), clock.today(), in_advance=bool(data.get("in_advance")))
        except DomainError as err:
            field = "in_advance" if err.code is ErrorCode.PERIOD_NOT_STARTED else "year"
            self.add_error(field, error_message(err))
        return data

    @property
    def asks_in_advance(self) -> bool:
        """Whether the box is shown: once the period asked for proved not started."""
        if not self.is_bound:
            return False
        return bool(self.errors.get("in_advance") or self.data.get("in_advance"))


class PlanItemForm(forms.Form):
    """The date HR plans one step of the schedule for, and the schedule version it saw."""

    planned = date_field(_("planned date"))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class MoveScheduleForm(forms.Form):
    to_state = forms.ChoiceField(
        choices=[("submitted", "submitted"), ("approved", "approved"), ("draft", "draft")]
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
