"""Messages of the methods whose deadlines a period has (``domain.deadline_list``)."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bagalau.domain.errors import ErrorCode

MESSAGES: Mapping[ErrorCode, Promise] = {
    ErrorCode.METHOD_NOT_IN_PACK: _(
        "The methodology %(pack)s has no evaluation method %(method)s, so it sets no "
        "deadlines for it. Its methods: %(methods)s."
    ),
    ErrorCode.METHOD_IN_OTHER_VERSION: _(
        "The methodology %(pack)s, which governs %(period)s, has no method %(method)s; it is "
        "in %(other)s, where it acts %(span)s. Ask for a period that version governs."
    ),
    ErrorCode.METHOD_NOT_FOR_PERIOD_KIND: _(
        "The method %(method)s is evaluated by %(kind)s, so it has no deadlines in "
        "%(period)s. Ask for the %(kind)s, for example %(example)s."
    ),
    ErrorCode.METHOD_NOT_IN_FORCE_IN_PERIOD: _(
        "The method %(method)s acts %(span)s; %(period)s and its evaluation are outside that "
        "time, so it has no deadlines then."
    ),
    ErrorCode.METHOD_NOT_IN_FORCE_ON_OPENING: _(
        "The method %(method)s acts %(span)s: neither on the day %(period)s was opened "
        "(%(opened)s) nor during its evaluation, so it has no deadlines in that period."
    ),
}
