"""Answers to a signed-in user are never kept by a browser or proxy cache, and a
sign-in lasts while it is used.

Scores, results, exports and API answers are confidential (R-CONFIDENTIAL): a shared
computer's back button or a caching proxy must not show them to the next person. Every
answer to a signed-in user (session or API token) gets ``Cache-Control: no-store``;
static files and anonymous pages keep their caching.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import add_never_cache_headers

from bagalau.core import clock


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


# How stale the session's last-seen mark may grow before a request renews it: renewing
# on every request would write the session row on every page.
RENEW_AFTER = timedelta(minutes=5)
SEEN = "bagalau_seen"


class RenewSessionWhileActive:
    """A sign-in expires after ``SESSION_IDLE_HOURS`` without activity, not at a fixed
    time after signing in: a request at least ``RENEW_AFTER`` after the last renewal
    saves the session, which moves its expiry (``SESSION_COOKIE_AGE``) forward.

    Listed after SessionMiddleware, so the session is saved on the way out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or SESSION_KEY not in session:
            return response  # anonymous, or just signed out
        now = clock.now().timestamp()
        seen = session.get(SEEN)
        # A session without the mark gets it when it is saved anyway (at sign-in).
        stale = session.modified if seen is None else now - float(seen) >= RENEW_AFTER.seconds
        if stale:
            session[SEEN] = now
        return response
