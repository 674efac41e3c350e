"""Forms of familiarization and the application against a result: they parse the
input; the domain (``bagalau.domain.familiarization``) and the services decide."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from bagalau.cycles.familiarization.services import ACT_NUMBER_MAX, APPLICATION_MAX, NOTE_MAX
from bagalau.cycles.models import FamiliarizationChannel
from bagalau.orgs.forms import date_field
from bagalau.orgs.models import Employee


class AcknowledgeForm(forms.Form):
    """ "I have read the result": the result's version the person saw."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class RecordForm(forms.Form):
    """How and when HR made the employee acquainted (001 p11; 000 p41)."""

    channel = forms.ChoiceField(label=_("how"))
    on = date_field(_("date"))
    note = forms.CharField(
        label=_("note (document, number, address)"), max_length=NOTE_MAX, required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: object, channels: Sequence[str] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        labels = dict(FamiliarizationChannel.choices)
        field = self.fields["channel"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(c, labels.get(c, c)) for c in channels]


class RefusalForm(forms.Form):
    """The refusal act (000 p41, 003 p40): its date and number, and two witnesses."""

    on = date_field(_("date of the act"))
    act_number = forms.CharField(label=_("act number"), max_length=ACT_NUMBER_MAX, required=False)
    witness_one = forms.TypedChoiceField(label=_("first witness"), coerce=int)
    witness_two = forms.TypedChoiceField(label=_("second witness"), coerce=int)
    note = forms.CharField(
        label=_("note"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(
        self, *args: object, staff: Sequence[Employee] = (), lang: str = "ru", **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices = [("", "—")] + [(str(e.pk), e.full_name(lang)) for e in staff]
        for name in ("witness_one", "witness_two"):
            field = self.fields[name]
            assert isinstance(field, forms.TypedChoiceField)
            field.choices = choices

    def witness_ids(self) -> list[int]:
        return [self.cleaned_data["witness_one"], self.cleaned_data["witness_two"]]


class DisagreementForm(forms.Form):
    """R-DISAGREE (004 p12): the application, in free form. Emptiness is the domain's
    to refuse, with its citation."""

    text = forms.CharField(
        label=_("your application"),
        max_length=APPLICATION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
