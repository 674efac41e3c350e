from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from bagalau.notify.models import NoticeKind, Notification
from bagalau.notify.services import notify_many

pytestmark = pytest.mark.django_db


def _notice(user: User, key: str) -> Notification:
    return Notification(recipient=user, kind=NoticeKind.STEP_WAITING, key=key)


def test_notify_many_saves_new_keys_and_skips_known_ones() -> None:
    user = User.objects.create_user("aigerim")
    assert notify_many([_notice(user, "a"), _notice(user, "b")]) == 2
    Notification.objects.filter(key="a").update(params={"read": True})

    assert notify_many([_notice(user, "a"), _notice(user, "c")]) == 1

    assert sorted(Notification.objects.values_list("key", flat=True)) == ["a", "b", "c"]
    # the notice already sent is left as it was
    assert Notification.objects.get(key="a").params == {"read": True}


def test_notify_many_with_nothing_does_nothing() -> None:
    assert notify_many([]) == 0
    assert not Notification.objects.exists()
