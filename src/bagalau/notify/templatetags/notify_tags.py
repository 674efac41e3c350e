"""The unread notices badge in the site header: one COUNT query per page."""

from __future__ import annotations

from typing import Any

from django import template

from bagalau.notify.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notices(context: dict[str, Any]) -> int:
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    return unread_count(int(user.pk))
