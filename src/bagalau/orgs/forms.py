"""Forms of the HR edits: they parse the input (dates as dd.mm.yyyy); services validate it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from bagalau.orgs.models import AbsenceKind
from bagalau.orgs.services import EmployeeData

DATE_WIDGET = forms.DateInput(
    format="%d.%m.%Y",
    attrs={"inputmode": "numeric", "placeholder": "dd.mm.yyyy", "size": 10, "autocomplete": "off"},
)


def date_field(label: StrOrPromise, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=["%d.%m.%Y", "%Y-%m-%d"],
        widget=DATE_WIDGET,
        error_messages={"invalid": _("Write the date as dd.mm.yyyy, for example 07.07.2023.")},
    )


class EmployeeForm(forms.Form):
    iin = forms.CharField(label=_("IIN"), max_length=20)
    last_name_kk = forms.CharField(label=_("surname (Kazakh)"), max_length=100, required=False)
    first_name_kk = forms.CharField(label=_("name (Kazakh)"), max_length=100, required=False)
    middle_name_kk = forms.CharField(label=_("patronymic (Kazakh)"), max_length=100, required=False)
    last_name_ru = forms.CharField(label=_("surname (Russian)"), max_length=100, required=False)
    first_name_ru = forms.CharField(label=_("name (Russian)"), max_length=100, required=False)
    middle_name_ru = forms.CharField(
        label=_("patronymic (Russian)"), max_length=100, required=False
    )
    email = forms.CharField(label=_("e-mail"), max_length=254, required=False)
    phone = forms.CharField(label=_("phone"), max_length=32, required=False)

    def data_for_service(self) -> EmployeeData:
        return EmployeeData(**{name: self.cleaned_data[name] for name in self.fields})


class AbsenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=AbsenceKind.choices)
    start = date_field(_("from"))
    end = date_field(_("to"))


class DismissalForm(forms.Form):
    day = date_field(_("date"))
    basis = forms.CharField(label=_("basis"), max_length=500, required=False)
