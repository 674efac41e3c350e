"""The individual work plan with KPIs: R-KPI-PLAN, R-KPI-COUNT, R-KPI-SMART, R-KPI-CHANGE.

Each refusal is shown to have changed nothing.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from bagalau.audit.models import AuditRecord
from bagalau.core.messages import error_message
from bagalau.cycles.kpi.plan_services import (
    KpiRow,
    do_agree_kpi_plan,
    do_approve_kpi_plan,
    do_change_kpi_plan,
    do_draft_kpi_plan,
    do_place_kpi_plan,
)
from bagalau.cycles.models import KpiItem, KpiPlan, PeriodStatus
from bagalau.domain.errors import DomainError, ErrorCode
from tests.cycles.kpi_people import KpiWorld, rows, shakhtinsk_head, user

pytestmark = pytest.mark.django_db
TODAY = date(2024, 1, 12)


def placed(world: KpiWorld, kpis: list[KpiRow] | None = None) -> KpiPlan:
    plan = do_draft_kpi_plan(
        actor=user(world.evaluator),
        participation_id=world.participation.pk,
        rows=kpis or rows(3),
        version=0,
    )
    plan = do_agree_kpi_plan(actor=world.hr, plan_id=plan.pk, version=plan.version)
    plan = do_approve_kpi_plan(actor=user(world.approver), plan_id=plan.pk, version=plan.version)
    return do_place_kpi_plan(actor=world.hr, plan_id=plan.pk, version=plan.version, today=TODAY)


def test_plan_is_drafted_agreed_approved_and_placed_with_audit() -> None:
    world = shakhtinsk_head()
    plan = placed(world)
    assert (plan.state, plan.revision, plan.version) == ("placed", 1, 4)
    assert plan.evaluator_id == world.evaluator.pk
    assert plan.agreed_by == world.hr and plan.approved_by == user(world.approver)
    assert list(plan.items.values_list("order", "name", "unit")) == [
        (1, "KPI 1", "%"),
        (2, "KPI 2", "%"),
        (3, "KPI 3", "%"),
    ]
    records = AuditRecord.objects.filter(object_type="cycles.kpiplan", object_id=str(plan.pk))
    assert records.count() == 4
    assert records.order_by("pk").first().after["items"][0]["planned_value"] == "100"  # type: ignore[union-attr]


def test_wrong_count_is_refused_citing_the_rule_and_nothing_is_saved() -> None:
    world = shakhtinsk_head()
    with pytest.raises(DomainError) as err:
        do_draft_kpi_plan(
            actor=user(world.evaluator),
            participation_id=world.participation.pk,
            rows=rows(2),
            version=0,
        )
    assert err.value.code is ErrorCode.KPI_COUNT_OUT_OF_RANGE
    assert err.value.params == {"count": 2, "min": 3, "max": 5}
    assert err.value.cite is not None and (err.value.cite.act, err.value.cite.paragraph) == (
        "shakhtinsk-278-5",
        "23",
    )
    with translation.override("en"):
        assert error_message(err.value) == (
            "The plan has 2 KPIs; it must have from 3 to 5. Add or remove KPIs. "
            "(basis: Shakhtinsk city maslikhat apparatus methodology, paragraph 23)"
        )
    with pytest.raises(DomainError):
        do_draft_kpi_plan(
            actor=user(world.evaluator),
            participation_id=world.participation.pk,
            rows=rows(6),
            version=0,
        )
    assert not KpiPlan.objects.exists() and not KpiItem.objects.exists()
    assert not AuditRecord.objects.filter(object_type="cycles.kpiplan").exists()


def test_an_empty_required_field_is_refused_and_the_saved_draft_is_unchanged() -> None:
    world = shakhtinsk_head()
    plan = do_draft_kpi_plan(
        actor=user(world.evaluator),
        participation_id=world.participation.pk,
        rows=rows(3),
        version=0,
    )
    typed = rows(4)
    typed[1] = KpiRow(
        name="KPI 2",
        source="Plan",
        unit="%",
        planned_value=None,
        due=date(2024, 3, 31),
        key_result="x",
    )
    with pytest.raises(DomainError) as err:
        do_draft_kpi_plan(
            actor=user(world.evaluator),
            participation_id=world.participation.pk,
            rows=typed,
            version=plan.version,
        )
    assert err.value.code is ErrorCode.KPI_FIELD_EMPTY
    assert err.value.params == {"kpi": 2, "field": "planned_value"}
    typed[1] = KpiRow(name="KPI 2", source="  ", unit="%", planned_value=None)
    with pytest.raises(DomainError) as err:
        do_draft_kpi_plan(
            actor=user(world.evaluator),
            participation_id=world.participation.pk,
            rows=typed,
            version=plan.version,
        )
    assert err.value.params == {"kpi": 2, "field": "source"}
    plan.refresh_from_db()
    assert plan.version == 1 and plan.items.count() == 3


def test_a_saved_draft_is_replaced_whole_and_a_stale_save_is_refused() -> None:
    world = shakhtinsk_head()
    first = do_draft_kpi_plan(
        actor=user(world.evaluator),
        participation_id=world.participation.pk,
        rows=rows(3),
        version=0,
    )
    second = do_draft_kpi_plan(
        actor=user(world.evaluator),
        participation_id=world.participation.pk,
        rows=rows(5),
        version=1,
    )
    assert second.pk == first.pk and second.version == 2 and second.items.count() == 5
    with pytest.raises(DomainError) as err:  # a second editor still holding version 1
        do_draft_kpi_plan(
            actor=user(world.evaluator),
            participation_id=world.participation.pk,
            rows=rows(4),
            version=1,
        )
    assert err.value.code is ErrorCode.STALE_VERSION
    with pytest.raises(DomainError) as err:  # a second "new plan" form
        do_draft_kpi_plan(
            actor=user(world.evaluator),
            participation_id=world.participation.pk,
            rows=rows(4),
            version=0,
        )
    assert err.value.code is ErrorCode.STALE_VERSION
    assert KpiItem.objects.filter(plan=first).count() == 5
    with pytest.raises(DomainError) as err:
        do_agree_kpi_plan(actor=world.hr, plan_id=first.pk, version=1)
    assert err.value.code is ErrorCode.STALE_VERSION
    first.refresh_from_db()
    assert first.state == "draft"


def test_steps_out_of_order_are_refused() -> None:
    world = shakhtinsk_head()
    plan = do_draft_kpi_plan(
        actor=user(world.evaluator),
        participation_id=world.participation.pk,
        rows=rows(3),
        version=0,
    )
    with pytest.raises(DomainError) as err:
        do_approve_kpi_plan(actor=user(world.approver), plan_id=plan.pk, version=1)
    assert err.value.code is ErrorCode.TRANSITION_NOT_ALLOWED
    plan = do_agree_kpi_plan(actor=world.hr, plan_id=plan.pk, version=1)
    with pytest.raises(DomainError) as err:  # an agreed plan is no longer a draft to edit
        do_draft_kpi_plan(
            actor=user(world.evaluator),
            participation_id=world.participation.pk,
            rows=rows(3),
            version=2,
        )
    assert err.value.code is ErrorCode.TRANSITION_NOT_ALLOWED
    plan.refresh_from_db()
    assert (plan.state, plan.version) == ("agreed", 2)


def test_placing_after_five_working_days_from_approval_is_refused() -> None:
    world = shakhtinsk_head()
    plan = do_draft_kpi_plan(
        actor=user(world.evaluator),
        participation_id=world.participation.pk,
        rows=rows(3),
        version=0,
    )
    plan = do_agree_kpi_plan(actor=world.hr, plan_id=plan.pk, version=1)
    plan = do_approve_kpi_plan(actor=user(world.approver), plan_id=plan.pk, version=2)
    KpiPlan.objects.filter(pk=plan.pk).update(
        approved_at=datetime(2024, 1, 10, 10, tzinfo=ZoneInfo("Asia/Almaty"))
    )
    with pytest.raises(DomainError) as err:  # Wed 10.01 + 5 working days = Wed 17.01
        do_place_kpi_plan(actor=world.hr, plan_id=plan.pk, version=3, today=date(2024, 1, 18))
    assert err.value.code is ErrorCode.DEADLINE_PASSED
    assert err.value.params["due"] == date(2024, 1, 17)
    assert err.value.cite is not None and err.value.cite.paragraph == "22"
    placed_plan = do_place_kpi_plan(
        actor=world.hr, plan_id=plan.pk, version=3, today=date(2024, 1, 17)
    )
    assert placed_plan.state == "placed"


def test_a_change_after_approval_needs_a_ground_and_keeps_the_old_version() -> None:
    world = shakhtinsk_head()
    plan = placed(world)
    new_rows = rows(4)
    with pytest.raises(DomainError) as err:
        do_change_kpi_plan(
            actor=user(world.evaluator),
            plan_id=plan.pk,
            version=4,
            rows=new_rows,
            ground="",
            reason="",
            affects_kpis=True,
        )
    assert err.value.code is ErrorCode.KPI_CHANGE_WITHOUT_GROUND
    assert err.value.cite is not None and err.value.cite.paragraph == "25"
    with pytest.raises(DomainError) as err:  # a ground that does not affect the KPIs
        do_change_kpi_plan(
            actor=user(world.evaluator),
            plan_id=plan.pk,
            version=4,
            rows=new_rows,
            ground="structure_changed",
            reason="",
            affects_kpis=False,
        )
    assert err.value.code is ErrorCode.KPI_CHANGE_WITHOUT_GROUND
    plan.refresh_from_db()
    assert (plan.state, KpiPlan.objects.count()) == ("placed", 1)
    new = do_change_kpi_plan(
        actor=user(world.evaluator),
        plan_id=plan.pk,
        version=4,
        rows=new_rows,
        ground="structure_changed",
        reason="The unit was merged into the organizational department.",
        affects_kpis=True,
    )
    plan.refresh_from_db()
    assert plan.state == "superseded"
    assert (new.state, new.revision, new.supersedes_id, new.change_ground) == (
        "draft",
        2,
        plan.pk,
        "structure_changed",
    )
    assert new.items.count() == 4 and plan.items.count() == 3
    agreed = do_agree_kpi_plan(actor=world.hr, plan_id=new.pk, version=new.version)
    assert agreed.state == "agreed"


def test_a_closed_period_refuses_every_change() -> None:
    world = shakhtinsk_head()
    plan = do_draft_kpi_plan(
        actor=user(world.evaluator),
        participation_id=world.participation.pk,
        rows=rows(3),
        version=0,
    )
    world.participation.period.status = PeriodStatus.CLOSED
    world.participation.period.save()
    with pytest.raises(DomainError) as err:
        do_draft_kpi_plan(
            actor=user(world.evaluator),
            participation_id=world.participation.pk,
            rows=rows(4),
            version=1,
        )
    assert err.value.code is ErrorCode.PERIOD_CLOSED
    with pytest.raises(DomainError) as err:
        do_agree_kpi_plan(actor=world.hr, plan_id=plan.pk, version=1)
    assert err.value.code is ErrorCode.PERIOD_CLOSED
    plan.refresh_from_db()
    assert (plan.state, plan.version, plan.items.count()) == ("draft", 1, 3)


def test_someone_not_evaluated_by_kpi_has_no_plan() -> None:
    world = shakhtinsk_head()
    staff = world.participation.period.participations.get(employee=world.colleague)
    with pytest.raises(DomainError) as err:
        do_draft_kpi_plan(
            actor=user(world.person), participation_id=staff.pk, rows=rows(3), version=0
        )
    assert err.value.code is ErrorCode.KPI_METHOD_NOT_APPLIED
    assert not KpiPlan.objects.exists()
