"""What every endpoint shares: the day, the language of names, documented refusals."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from drf_spectacular.utils import OpenApiResponse

from bagalau.api.errors import ErrorBody


def ui_lang() -> str:
    """The request's language for the packs' texts, which exist in all three."""
    return (translation.get_language() or "ru")[:2]


_WHY = {
    400: "the input is refused (a rule with its citation, or the fields named)",
    401: "not signed in and no valid token",
    403: "the permission module refuses the user this action on this object",
    404: "no such object",
    409: "someone else saved the object first (stale version): reload and retry",
}


def refusals(*statuses: int) -> dict[int, Any]:
    """The error answers an endpoint documents, all in the one error format."""
    chosen = statuses or (400, 401, 403, 404)
    return {s: OpenApiResponse(ErrorBody, description=_WHY[s]) for s in chosen}
