"""Forms of the KPI pages. They only parse what was typed: the count of KPIs, the empty
fields, the scores and the reasons are judged by the domain, so nothing is required here
and a half-filled plan comes back to the page as typed."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from functools import partial
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bagalau.core.messages import error_message
from bagalau.cycles.kpi.plan_services import KpiRow
from bagalau.cycles.models import KpiSheetLine
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.kpi import achievement_percent
from bagalau.domain.kpi_values import VALUE_PLACES, check_kpi_value
from bagalau.domain.methodology import Labelled

DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]
_TEXT = {"rows": 2, "cols": 30}
# The form's own refusals of a number, in the user's language (Django's say "digits").
NUMBER_ERRORS = {
    "invalid": _("Enter a number, for example 12 or 12.5."),
    "max_digits": _("The number is too large: a KPI value is at most 999999999999.9999."),
    "max_whole_digits": _("The number is too large: a KPI value is at most 999999999999.9999."),
    "max_decimal_places": _("Write at most 4 decimal places."),
}


def kpi_number(label: Any, **kwargs: Any) -> forms.DecimalField:
    """A planned or actual KPI value as the sheet keeps it (16 digits, 4 places)."""
    return forms.DecimalField(
        label=label, required=False, max_digits=16, decimal_places=VALUE_PLACES,
        error_messages=NUMBER_ERRORS, **kwargs,
    )  # fmt: skip


def refuse_at(form: forms.Form, field: str, check: Callable[[], object]) -> None:
    """Run a domain check; its refusal becomes the field's error message."""
    try:
        check()
    except DomainError as err:
        form.add_error(field, error_message(err))


QUARTER_FIELDS = ("planned_q1", "planned_q2", "planned_q3", "planned_q4")


class KpiRowForm(forms.Form):
    """One KPI of the plan form (Typical app. 1; Atyrau app. 9)."""

    name = forms.CharField(label=_("KPI"), required=False, widget=forms.Textarea(attrs=_TEXT))
    source = forms.CharField(
        label=_("Planning document or source indicator"),
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
    )
    unit = forms.CharField(label=_("Unit"), required=False, max_length=60)
    planned_value = kpi_number(_("Planned value"))
    due = forms.DateField(
        label=_("Deadline"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d.%m.%Y"),
        error_messages={"invalid": _("Write the date as dd.mm.yyyy, for example 31.03.2024.")},
    )
    key_result = forms.CharField(
        label=_("Key result"), required=False, widget=forms.Textarea(attrs=_TEXT)
    )
    # A year's plan may plan each quarter (ADR 0010); empty: the quarter uses the year's.
    planned_q1 = kpi_number(_("Planned for the 1st quarter"))
    planned_q2 = kpi_number(_("Planned for the 2nd quarter"))
    planned_q3 = kpi_number(_("Planned for the 3rd quarter"))
    planned_q4 = kpi_number(_("Planned for the 4th quarter"))

    def clean(self) -> dict[str, Any]:
        """R-KPI-SMART (004 p24): each planned value as its unit allows (the domain's rule)."""
        data = super().clean() or {}
        unit = data.get("unit") or ""
        for name in ("planned_value", *QUARTER_FIELDS):
            planned = data.get(name)
            if planned is not None:
                refuse_at(self, name, partial(check_kpi_value, planned, unit))
        return data

    def row(self) -> KpiRow:
        data = self.cleaned_data
        return KpiRow(
            name=data.get("name") or "",
            source=data.get("source") or "",
            unit=data.get("unit") or "",
            planned_value=data.get("planned_value"),
            due=data.get("due"),
            key_result=data.get("key_result") or "",
            by_quarter=tuple(data.get(name) for name in QUARTER_FIELDS),
        )

    def is_blank(self) -> bool:
        return not any(v not in (None, "") for v in self.cleaned_data.values())


KpiRowFormSet = forms.formset_factory(KpiRowForm, extra=0, max_num=20, absolute_max=20)


def typed_rows(formset: Any) -> list[KpiRow]:
    """The KPIs typed, skipping wholly blank rows (spare rows of the form)."""
    return [f.row() for f in formset.forms if f.cleaned_data and not f.is_blank()]


class VersionForm(forms.Form):
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class ChangeForm(VersionForm):
    """R-KPI-CHANGE (004 p25): the ground of a change after approval, and its account.

    The ground is offered as a list but kept as typed: whether it is one of the pack's
    grounds is the domain's rule (``kpi.check_change``), whose refusal ``refuse`` shows
    at the field it is about.
    """

    ground = forms.CharField(label=_("Ground for the change"), required=False, strip=True)
    reason = forms.CharField(
        label=_("What changed and how it affects the KPIs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    affects_kpis = forms.BooleanField(
        label=_("The change directly affects achieving the KPIs"), required=False
    )

    def __init__(self, *args: Any, grounds: Sequence[Labelled], lang: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(g.code, g.name.get(lang)) for g in grounds]
        self.fields["ground"].widget = forms.Select(choices=choices)

    def add_error(self, field: str | None, error: Any) -> None:
        """The error, and the field marked invalid and described by it."""
        super().add_error(field, error)
        if field in self.fields:
            self.fields[field].widget.attrs |= {
                "aria-invalid": "true",
                "aria-describedby": f"{self[field].auto_id}_error",
            }

    def refuse(self, err: DomainError) -> bool:
        """Show a refusal of R-KPI-CHANGE at its field: at the ground when none or an
        unknown one was chosen, else at "affects the KPIs". False for any other refusal."""
        if err.code is not ErrorCode.KPI_CHANGE_WITHOUT_GROUND:
            return False
        ground_wrong = not err.params.get("grounds") or err.params.get("unknown")
        self.add_error("ground" if ground_wrong else "affects_kpis", error_message(err))
        return True


class ActualsForm(VersionForm):
    """HR's pre-calculated actual value of each KPI (R-KPI-PLAN, 004 p22)."""

    def __init__(
        self,
        *args: Any,
        lines: Sequence[KpiSheetLine],
        planned: Mapping[int, Decimal | None] | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        # line -> the planned value the period is measured against (a quarter's own)
        self.planned = dict(planned or {line.pk: line.item.planned_value for line in lines})
        for line in lines:
            self.fields[f"actual_{line.pk}"] = kpi_number(
                _("Actual value"),
                initial=line.actual_value,
                widget=forms.NumberInput(attrs={"form": "kpi-actuals", "step": "any"}),
            )
        self.lines = {line.pk: line for line in lines}

    def clean(self) -> dict[str, Any]:
        """Each actual as its unit allows, and one whose % of achievement a sheet can
        record (the domain's rules; 1e9 against a plan of 100 is refused here)."""
        data = super().clean() or {}
        for pk, line in self.lines.items():
            actual = data.get(f"actual_{pk}")
            if actual is None:
                continue
            planned = self.planned.get(pk)
            refuse_at(self, f"actual_{pk}", partial(_check_actual, actual, line, planned))
        return data

    def actuals(self) -> dict[int, Decimal | None]:
        return {
            int(name.removeprefix("actual_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("actual_")
        }


def _check_actual(actual: Decimal, line: KpiSheetLine, planned: Decimal | None) -> None:
    check_kpi_value(actual, line.item.unit)
    if planned:
        achievement_percent(actual, planned)


ACHIEVED_CHOICES = [("", "—"), ("yes", _("achieved in full")), ("no", _("not achieved"))]


class ScoresForm(VersionForm):
    """The evaluator's 0-5 score per KPI, or achieved / not achieved (Atyrau ch. 6).

    Scores stay text: the domain says whether a value is a whole number on the scale.
    """

    def __init__(self, *args: Any, lines: Sequence[KpiSheetLine], counted: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.counted = counted
        for line in lines:
            if counted:
                initial = {True: "yes", False: "no", None: ""}[line.achieved]
                self.fields[f"mark_{line.pk}"] = forms.ChoiceField(
                    label=_("Achieved"),
                    choices=ACHIEVED_CHOICES,
                    required=False,
                    initial=initial,
                    widget=forms.Select(attrs={"form": "kpi-scores"}),
                )
            else:
                self.fields[f"mark_{line.pk}"] = forms.CharField(
                    label=_("Score"),
                    required=False,
                    max_length=10,
                    initial="" if line.score is None else str(line.score),
                    widget=forms.TextInput(attrs={"form": "kpi-scores", "size": 3}),
                )

    def marks(self) -> dict[int, str]:
        return {
            int(name.removeprefix("mark_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("mark_")
        }

    def achieved(self) -> dict[int, bool | None]:
        return {k: {"yes": True, "no": False}.get(v) for k, v in self.marks().items()}


class ReviewForm(VersionForm):
    """The superior manager agrees the sheet or returns it with a reason (001 p52-53)."""

    agree = forms.TypedChoiceField(
        choices=[("yes", _("Agree")), ("no", _("Return for correction"))],
        coerce=lambda v: v == "yes",
        widget=forms.HiddenInput,
    )
    reason_code = forms.ChoiceField(label=_("Reason"), required=False)
    reason_text = forms.CharField(
        label=_("Reason for returning"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, reasons: Sequence[Labelled], lang: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(r.code, r.name.get(lang)) for r in reasons]
        self.fields["reason_code"].choices = choices  # type: ignore[attr-defined]
