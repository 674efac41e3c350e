"""One error format for every refusal of the API.

``{"error": {"code", "message", "rule", "cite", "fields"}}``: ``code`` is stable (a
``DomainError`` code, or the HTTP-level reason), ``message`` is translated into the
language of the request (Accept-Language: kk, ru, en) the way the pages translate it
(``bagalau.core.messages``), ``rule`` is the citation as data and ``cite`` as text,
``fields`` names what is wrong in each field of the request.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler

from bagalau.core.labels import cite_text
from bagalau.core.messages import error_message
from bagalau.core.outcomes import status_of
from bagalau.domain.errors import DomainError
from bagalau.domain.law import Cite


def body(
    code: str,
    message: str,
    *,
    rule: dict[str, Any] | None = None,
    cite: str | None = None,
    fields: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    return {
        "error": {
            "code": code,
            "message": message,
            "rule": rule,
            "cite": cite,
            "fields": fields or {},
        }
    }


def _rule(cite: Cite) -> dict[str, Any]:
    return {
        "act": cite.act,
        "paragraph": cite.paragraph,
        "via_typical": cite.via_typical,
        "borrowed": cite.borrowed,
    }


def domain_response(err: DomainError) -> Response:
    """A rule refused the input: 409 for a stale version, 400 otherwise."""
    cite = err.cite
    data = body(
        err.code.value,
        error_message(err),
        rule=_rule(cite) if cite else None,
        cite=cite_text(cite) if cite else None,
    )
    return Response(data, status=status_of(err))


def _messages() -> dict[type[exceptions.APIException], str]:
    # Built per call: the texts are translated into the request's language.
    return {
        exceptions.NotAuthenticated: _(
            "Sign in, or send a valid token in the Authorization header."
        ),
        exceptions.AuthenticationFailed: _("The token or the sign-in is not valid. Sign in again."),
        exceptions.PermissionDenied: _("You are not allowed to do this."),
        exceptions.NotFound: _("Nothing is found at this address, or it does not exist any more."),
        exceptions.ParseError: _("The request body is not valid JSON."),
        exceptions.UnsupportedMediaType: _("Send the request body as JSON."),
        exceptions.NotAcceptable: _("Only JSON answers are available."),
        exceptions.ValidationError: _("The request has errors. Correct the fields named."),
    }


def _flatten(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error details as "field.sub" -> messages."""
    if isinstance(detail, dict):
        found: dict[str, list[str]] = {}
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            found |= _flatten(value, name)
        return found
    if isinstance(detail, list) and any(isinstance(d, dict | list) for d in detail):
        found = {}
        for index, value in enumerate(detail):
            found |= _flatten(value, f"{prefix}.{index}" if prefix else str(index))
        return found
    items = detail if isinstance(detail, list) else [detail]
    return {prefix or "non_field_errors": [str(i) for i in items]}


def _api_message(exc: exceptions.APIException) -> str:
    if isinstance(exc, exceptions.MethodNotAllowed):
        return _("This address does not accept the method used.")
    for kind, text in _messages().items():
        if isinstance(exc, kind):
            return text
    return str(exc.detail)


def handle(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's exception handler, answering in the one format."""
    if isinstance(exc, DomainError):
        return domain_response(exc)
    response = exception_handler(exc, context)  # maps Http404 and PermissionDenied too
    if response is None:
        return None  # a server error: Django's own handling, logged
    api_exc = exc if isinstance(exc, exceptions.APIException) else _converted(exc)
    fields = _flatten(api_exc.detail) if isinstance(api_exc, exceptions.ValidationError) else {}
    code = "invalid" if fields else _code(api_exc)
    response.data = body(code, _api_message(api_exc), fields=fields)
    return response


def _converted(exc: Exception) -> exceptions.APIException:
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied()
    return exceptions.APIException()


def _code(exc: exceptions.APIException) -> str:
    codes = exc.get_codes()
    return codes if isinstance(codes, str) else exc.default_code


class ErrorDetail(serializers.Serializer[Any]):
    code = serializers.CharField()
    message = serializers.CharField()
    rule = serializers.DictField(allow_null=True)
    cite = serializers.CharField(allow_null=True)
    # The metaclass takes declared fields out of the class, so this does not hide
    # ``Serializer.fields``.
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField())
    )


class ErrorBody(serializers.Serializer[Any]):
    """The one error format (for the OpenAPI schema)."""

    error = ErrorDetail()
