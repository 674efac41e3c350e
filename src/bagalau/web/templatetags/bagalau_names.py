"""``{{ body|named }}``: a body, department, position or person by its name in the page's
language (Kazakh pages the Kazakh name, others the Russian one), never its code or the
Russian ``__str__`` on a Kazakh page."""

from __future__ import annotations

from typing import Any

from django import template

from bagalau.core.labels import name_lang

register = template.Library()


@register.filter
def named(obj: Any) -> str:
    if obj is None or obj == "":
        return ""
    lang = name_lang()
    for method in ("name", "full_name", "title"):
        found = getattr(obj, method, None)
        if callable(found):
            return str(found(lang))
    return str(obj)
