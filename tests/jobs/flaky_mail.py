"""An e-mail backend whose server is down for the first ``FAILURES`` messages, then keeps
what it is given in ``django.core.mail.outbox`` like the test backend."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from typing import Any

from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    FAILURES = 1
    FAIL_AFTER: int | None = None  # accept this many messages, then disconnect once
    calls = 0

    def send_messages(self, messages: Sequence[EmailMessage]) -> int:
        cls = type(self)
        cls.calls += 1
        if cls.FAIL_AFTER is not None and cls.calls == cls.FAIL_AFTER + 1:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        if cls.FAIL_AFTER is None and cls.calls <= cls.FAILURES:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)

    @classmethod
    def reset(cls, **values: Any) -> None:
        cls.calls, cls.FAILURES, cls.FAIL_AFTER = 0, 1, None
        for name, value in values.items():
            setattr(cls, name, value)
