"""Answers to a signed-in user are never kept by a browser or proxy cache.

Scores, results, exports and API answers are confidential (R-CONFIDENTIAL): a shared
computer's back button or a caching proxy must not show them to the next person. Every
answer to a signed-in user (session or API token) gets ``Cache-Control: no-store``;
static files and anonymous pages keep their caching.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import add_never_cache_headers


class NoStoreForSignedIn:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.static_prefix = "/" + settings.STATIC_URL.lstrip("/")

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.path.startswith(self.static_prefix):
            return response
        # A token caller is authenticated by the API view, after this middleware ran.
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or "HTTP_AUTHORIZATION" in request.META:
            add_never_cache_headers(response)
        return response
