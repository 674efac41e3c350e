"""Domain error codes -> translated sentences that say what is wrong and what to fix.

Placeholders are ``%(name)s`` and are filled from ``DomainError.params``; code that
raises an error passes the values named here. A missing value shows as "?" rather than
hiding the whole message. The sentences themselves are in ``messages_rules`` (the
rules' refusals) and ``messages_cycle`` (the cycle's).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext

from bagalau.core.labels import cite_text, name_lang
from bagalau.core.messages_cycle import CYCLE_MESSAGES
from bagalau.core.messages_rules import RULE_MESSAGES
from bagalau.domain.calendar import format_date
from bagalau.domain.errors import DomainError, DomainErrors, ErrorCode
from bagalau.domain.law import Text
from bagalau.domain.methodology import Labelled

MESSAGES: Mapping[ErrorCode, Promise] = {**RULE_MESSAGES, **CYCLE_MESSAGES}


class _Params(dict[str, str]):
    """Named values for a message; one the caller did not pass shows as "?"."""

    def __missing__(self, key: str) -> str:
        return "?"


def _named(value: object) -> str | None:
    """A pack's label or a person's full name in the reader's language, else None."""
    if isinstance(value, Labelled):
        return value.name.get(name_lang())
    if isinstance(value, Text):
        return value.get(name_lang())
    full_name = getattr(value, "full_name", None)
    return str(full_name(name_lang())) if callable(full_name) else None


def _display(value: object) -> str:
    """A value as the reader sees it: a pack's parameter by its name, a person by their
    full name, both in the reader's language; never an internal key."""
    named = _named(value)
    if named is not None:
        return named
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"  # 3.9950 -> 3.995, 1E+2 -> 100
    return str(value)


def error_message(err: DomainError) -> str:
    """The error as a sentence in the active language, with the rule it comes from."""
    text = str(MESSAGES[err.code]) % _Params({k: _display(v) for k, v in err.params.items()})
    if err.cite is None:
        return text
    return gettext("%(message)s (basis: %(cite)s)") % {
        "message": text,
        "cite": cite_text(err.cite),
    }


def errors_of(err: DomainError) -> tuple[DomainError, ...]:
    """The single errors a refusal is made of (one, or every bad cell of a form)."""
    return err.errors if isinstance(err, DomainErrors) else (err,)


def located_message(err: DomainError) -> str:
    """The error prefixed with whose row and which parameter it is about, for a list of
    a page's errors away from their fields (the summary at the top of a form)."""
    text = error_message(err)
    template = str(MESSAGES[err.code])
    where = [
        _display(err.params[key])
        for key in ("employee", "parameter")
        if key in err.params and f"%({key})s" not in template
    ]
    if not where:
        return text
    return gettext("%(where)s: %(message)s") % {"where": ", ".join(where), "message": text}
