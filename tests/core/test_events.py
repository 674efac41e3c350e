"""core.events: handlers run once the transaction commits, never for a rollback."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction

from bagalau.core import events

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_handlers(monkeypatch: pytest.MonkeyPatch) -> None:
    # The apps' own subscriptions stay out of these tests, and these stay out of theirs.
    monkeypatch.setattr(events, "_handlers", {})


@dataclass(frozen=True)
class Happened:
    n: int


@dataclass(frozen=True)
class Other:
    n: int


def test_a_handler_runs_after_commit_once_and_only_for_its_type(
    django_capture_on_commit_callbacks: Any,
) -> None:
    seen: list[Happened] = []
    events.subscribe(Happened, seen.append)
    events.subscribe(Happened, seen.append)  # a second ``ready`` subscribes nothing more
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        events.publish(Happened(1))
        events.publish(Other(2))
        assert seen == []
    assert len(callbacks) == 1
    assert seen == [Happened(1)]


def test_nothing_is_told_of_a_rolled_back_change(
    django_capture_on_commit_callbacks: Any,
) -> None:
    seen: list[Happened] = []
    events.subscribe(Happened, seen.append)
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                events.publish(Happened(3))
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert seen == []
