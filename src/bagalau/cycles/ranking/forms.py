"""Forms of the ranking pages. Scores stay text here: the domain checks them and
refuses with the rule and its citation (no clamping or coercion in the form)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bagalau.cycles.models import SheetState
from bagalau.cycles.ranking.services import MAX_SCAN_MB


class PaperSheetForm(forms.Form):
    """HR enters a signed paper ranking sheet: one score per parameter, and its scan."""

    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    scan = forms.FileField(
        label=_("Scan of the signed sheet"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, parameters: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Formatted per request: a class attribute would keep the language of the import.
        self.fields["scan"].help_text = gettext("PDF, JPEG or PNG, at most %(mb)s MB.") % {
            "mb": MAX_SCAN_MB
        }
        self.parameter_codes = [code for code, _name in parameters]
        for code, name in parameters:
            self.fields[f"score_{code}"] = forms.CharField(
                label=name, required=False, max_length=10,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 3}),
            )  # fmt: skip

    def scores(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"score_{code}", "") for code in self.parameter_codes}


class ReviewForm(forms.Form):
    """Approve a submitted ranking sheet, or return it for correction with a reason."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (SheetState.APPROVED, _("approve")),
            (SheetState.RETURNED, _("return for correction")),
        ],
    )
    reason = forms.CharField(label=_("Reason for returning"), required=False, max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == SheetState.RETURNED and not data.get("reason", "").strip():
            self.add_error("reason", _("Say what is to be corrected."))
        return data
