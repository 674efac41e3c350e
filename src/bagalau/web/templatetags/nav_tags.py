"""The header's links: only those the signed-in user may open (``bagalau.access``),
decided once per request in one query."""

from __future__ import annotations

from typing import Any

from django import template

from bagalau.access import Action, allowed_anywhere
from bagalau.core import clock

register = template.Library()

# The list pages behind the header's links, by the action each page requires.
NAV_ACTIONS = (Action.VIEW_BODY, Action.VIEW_AUDIT)


@register.simple_tag(takes_context=True)
def nav_links(context: dict[str, Any]) -> dict[str, bool]:
    """``bodies`` and ``audit``: whether the State bodies and Audit trail pages open."""
    request = context.get("request")
    cached = getattr(request, "_nav_links", None)
    if cached is not None:
        return dict(cached)
    user = context.get("user")
    allowed = allowed_anywhere(user, NAV_ACTIONS, today=clock.today()) if user else frozenset()
    found = {"bodies": Action.VIEW_BODY in allowed, "audit": Action.VIEW_AUDIT in allowed}
    if request is not None:
        request._nav_links = found
    return found
