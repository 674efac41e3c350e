"""A service's refusal as a page or an endpoint answers it: the translated reason and the
HTTP status. Views call a service through ``attempt`` and re-render their form with the
refusal's message where it belongs; the API's error handler uses ``status_of``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from django.utils.translation import ngettext

from bagalau.core.messages import error_message, errors_of, located_message
from bagalau.domain.errors import DomainError, ErrorCode

P = ParamSpec("P")
T = TypeVar("T")


def status_of(err: DomainError) -> int:
    """409 when someone else saved first (reload and retry), 400 for any other refusal."""
    return 409 if err.code is ErrorCode.STALE_VERSION else 400


@dataclass(frozen=True)
class Refusal:
    """A rule refused the action: nothing was saved."""

    error: DomainError
    message: str
    status: int

    @property
    def stale(self) -> bool:
        return self.error.code is ErrorCode.STALE_VERSION

    @property
    def errors(self) -> tuple[DomainError, ...]:
        """Each error the input gave (a form shows each at its field)."""
        return errors_of(self.error)

    def located(self) -> list[str]:
        """Each error as a sentence naming its row and parameter, for a summary."""
        return [located_message(err) for err in self.errors]


def refusal_of(err: DomainError) -> Refusal:
    found = errors_of(err)
    if len(found) == 1:
        return Refusal(err, error_message(err), status_of(err))
    summary = ngettext(
        "%(count)d entry needs correcting; it is marked below.",
        "%(count)d entries need correcting; each is marked below.",
        len(found),
    ) % {"count": len(found)}
    return Refusal(err, summary, status_of(err))


def attempt(service: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T | Refusal:
    """The service's value, or its refusal (a ``DomainError``) as a ``Refusal``."""
    try:
        return service(*args, **kwargs)
    except DomainError as err:
        return refusal_of(err)
