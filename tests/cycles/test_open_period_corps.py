"""Only "B" corps posts are evaluated: the maslikhat chair above the head is not."""

from __future__ import annotations

import pytest

from bagalau.cycles.models import Participation
from tests.cycles.kpi_people import shakhtinsk_head

pytestmark = pytest.mark.django_db


def test_the_chair_evaluates_the_head_but_is_not_evaluated() -> None:
    # 004 p1, p2(4)-(5): the methodology evaluates "B" corps servants and the head of
    # apparatus; the chair's post has no "B" corps category.
    world = shakhtinsk_head("2024-Q1")
    period = world.participation.period
    assert not Participation.objects.filter(period=period, employee=world.evaluator).exists()
    assert world.participation.evaluator == world.evaluator
    assert Participation.objects.filter(period=period).count() == 3  # the head and two staff
