"""Forms of the period pages: they parse the input; the domain and the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bagalau.domain.calendar import Period
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

    def period(self) -> Period:
        """The period asked for; ``DomainError`` (BAD_PERIOD) when the year is impossible."""
        return Period(self.cleaned_data["year"], int(self.cleaned_data["quarter"]))


class PlanItemForm(forms.Form):
    """The date HR plans one step of the schedule for, and the schedule version it saw."""

    planned = date_field(_("planned date"))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class MoveScheduleForm(forms.Form):
    to_state = forms.ChoiceField(
        choices=[("submitted", "submitted"), ("approved", "approved"), ("draft", "draft")]
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
