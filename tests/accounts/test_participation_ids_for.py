"""``participation_ids_for`` answers as ``can`` does row by row, in fixed queries."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from bagalau.access import Action, can, participation_ids_for
from bagalau.cycles.models import Participation
from bagalau.cycles.periods.services import do_open_period
from bagalau.domain.calendar import Period
from tests.accounts.factory import build_world
from tests.cycles.factories import shakhtinsk_body
from tests.cycles.kpi_people import shakhtinsk_head

pytestmark = pytest.mark.django_db

ACTIONS = (
    Action.VIEW_RESULT,
    Action.VIEW_SCAN,
    Action.VIEW_KPI,
    Action.DRAFT_KPI_PLAN,
    Action.APPROVE_KPI_PLAN,
    Action.REVIEW_KPI_SHEET,
    Action.SCORE_KPI,
    Action.ENTER_PAPER_SHEET,
    Action.APPROVE_RESULT,
    Action.SCORE_RANKING,
    Action.AWARD_BONUS,
)
TODAY = date(2024, 5, 1)


def rows() -> list[Participation]:
    return list(Participation.objects.select_related("period").order_by("pk"))


def test_the_bulk_answer_is_can_row_by_row() -> None:
    world = build_world()
    do_open_period(actor=world.users["hr"], body=world.body_a, period=Period(2024, 1))
    do_open_period(actor=world.users["hr_other"], body=world.body_b, period=Period(2024, 1))
    head = shakhtinsk_head()  # a first head who evaluates and approves the head's KPIs
    users = [*world.users.values(), head.evaluator.user, head.person.user, head.hr]
    users.append(AnonymousUser())
    parts = rows()
    assert len(parts) > 6
    for user in users:
        bulk = participation_ids_for(user, ACTIONS, parts, today=TODAY)
        for action in ACTIONS:
            one_by_one = {p.pk for p in parts if can(user, action, p, today=TODAY)}
            assert bulk[action] == one_by_one, (user, action)


@pytest.mark.parametrize("staff", [2, 30])
def test_queries_do_not_grow_with_the_rows(staff: int, django_assert_num_queries: object) -> None:
    org = shakhtinsk_body(staff=staff)
    do_open_period(actor=org.head.user, body=org.body, period=Period(2024, 1))  # type: ignore[arg-type]
    parts = rows()
    assert len(parts) == staff + 1
    # grants, own employee, managed employees, the evaluators' positions (the head
    # reports to no position, so nobody holds one above)
    with django_assert_num_queries(4):  # type: ignore[operator]
        found = participation_ids_for(org.head.user, ACTIONS, parts, today=TODAY)  # type: ignore[arg-type]
    assert len(found[Action.VIEW_RESULT]) == staff + 1  # the team and the head themself
    assert len(found[Action.APPROVE_KPI_PLAN]) == staff  # as the first head, for the team
