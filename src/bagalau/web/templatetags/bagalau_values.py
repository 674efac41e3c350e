"""Template helpers to show a rule value of any shape (mapping, list, scalar)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext

from bagalau.core.labels import CODE_LABELS, code_label

register = template.Library()


@register.filter
def value_kind(value: Any) -> str:
    if isinstance(value, dict):
        # a pack's labelled item (a parameter, a competency, a duty): its name, then its code
        return "labelled" if set(value) == {"code", "name"} else "map"
    if isinstance(value, list | tuple):
        return "list"
    return "scalar"


@register.filter
def value_text(value: Any) -> Any:
    """A scalar as a reader sees it: yes/no in the page's language, a code of the packs
    (a period kind, an audience...) by its name; anything else as it is."""
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, str) and value in CODE_LABELS:
        return code_label(value)
    return value
