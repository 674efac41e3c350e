"""Template helpers to show a rule value of any shape (mapping, list, scalar)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def value_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "map"
    if isinstance(value, list | tuple):
        return "list"
    return "scalar"
