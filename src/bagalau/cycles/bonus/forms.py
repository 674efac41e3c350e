"""The bonus-point form: it parses the input; the domain and the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class BonusForm(forms.Form):
    """Almaty 002 p18: one activity of appendix 1-1 and a short note of its evidence."""

    activity = forms.ChoiceField(label=_("Activity"))
    evidence = forms.CharField(
        label=_("Evidence (document or event)"), max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip

    def __init__(
        self, *args: Any, levels: list[tuple[int, list[tuple[int, str]]]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        activity = self.fields["activity"]
        assert isinstance(activity, forms.ChoiceField)
        activity.choices = [
            (f"+{points}", [(f"{points}:{i}", f"+{points} — {text}") for i, text in items])
            for points, items in levels
        ]

    def points_and_activity(self) -> tuple[int, int]:
        points, index = self.cleaned_data["activity"].split(":")
        return int(points), int(index)
