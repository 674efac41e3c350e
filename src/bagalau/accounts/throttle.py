"""Sign-in throttling: by user name from one address, and by address whatever the names.

* Five failures for one user name from one address within fifteen minutes lock that
  name *from that address* until the oldest of them is fifteen minutes old. Someone
  guessing HR's password from elsewhere therefore cannot lock HR out before a deadline:
  HR signs in from their own address as usual.
* ``LOGIN_ADDRESS_FAILURES`` failures from one address within ``LOGIN_ADDRESS_WINDOW``
  minutes, over any user names, hold that address off until the window has passed:
  trying one password on many names (password spraying) is slowed to that rate. The
  threshold is high enough for an office behind one address mistyping on a busy day.

The address is ``REMOTE_ADDR``, or with ``USE_X_FORWARDED_FOR`` the entry of
X-Forwarded-For that ``TRUSTED_PROXY_COUNT`` proxies from the right put there (the
entries left of it are the client's to forge). Failures are counted in the database,
not a per-process cache, so several application servers share one count.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.http import HttpRequest

from bagalau.accounts.models import LoginAttempt

LOCKOUT_FAILURES = 5
LOCKOUT_WINDOW = timedelta(minutes=15)


def address_failures() -> int:
    return int(settings.LOGIN_ADDRESS_FAILURES)


def address_window() -> timedelta:
    return timedelta(minutes=int(settings.LOGIN_ADDRESS_WINDOW))


def kept_for() -> timedelta:
    """How long a failure can still count for either rule."""
    return max(LOCKOUT_WINDOW, address_window())


def normalize_username(username: str) -> str:
    # Case and spaces vary between tries; one counter per person, not per spelling.
    return username.strip().lower()[:150]


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    remote = _valid(str(request.META.get("REMOTE_ADDR") or ""))
    if not settings.USE_X_FORWARDED_FOR:
        return remote
    hops = [h for h in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if h.strip()]
    count = max(1, int(settings.TRUSTED_PROXY_COUNT))
    if len(hops) < count:
        return remote  # not through the proxies the settings describe
    return _valid(hops[-count]) or remote


@dataclass(frozen=True)
class Hold:
    """Sign-in refused until ``until``: for the user name from this address, or for the
    address itself (``by_address``)."""

    until: datetime
    by_address: bool
    failures: int


def _oldest_counted(rows: list[datetime], limit: int, window: timedelta) -> datetime | None:
    return rows[-1] + window if len(rows) >= limit else None


def sign_in_hold(*, username: str, address: str | None, now: datetime) -> Hold | None:
    """Whether a sign-in for ``username`` from ``address`` is held off at ``now``."""
    from_address = LoginAttempt.objects.filter(address=address) if address else (
        LoginAttempt.objects.filter(address__isnull=True)
    )  # fmt: skip
    limit = address_failures()
    spread = list(
        from_address.filter(at__gt=now - address_window())
        .order_by("-at")
        .values_list("at", flat=True)[:limit]
    )
    until = _oldest_counted(spread, limit, address_window())
    if until is not None:
        return Hold(until, by_address=True, failures=limit)
    if not username:
        return None
    named = list(
        from_address.filter(username=normalize_username(username), at__gt=now - LOCKOUT_WINDOW)
        .order_by("-at")
        .values_list("at", flat=True)[:LOCKOUT_FAILURES]
    )
    until = _oldest_counted(named, LOCKOUT_FAILURES, LOCKOUT_WINDOW)
    return Hold(until, by_address=False, failures=LOCKOUT_FAILURES) if until else None
