"""The year's individual work plan, evaluated each quarter (004 p4, p22-23; ADR 0010)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from bagalau.audit.models import AuditRecord
from bagalau.cycles.kpi import selectors as reads
from bagalau.cycles.kpi import sheet_services as sheets
from bagalau.cycles.kpi.plan_services import do_change_kpi_plan
from bagalau.cycles.models import KpiPlan, Participation, PlanKind
from bagalau.cycles.periods.services import do_open_period
from bagalau.domain.calendar import Period
from bagalau.domain.errors import DomainError, ErrorCode
from tests.cycles.kpi_people import KpiWorld, rows, shakhtinsk_head, user
from tests.cycles.test_kpi_plan import placed
from tests.cycles.test_kpi_views import client_for, plan_post

pytestmark = pytest.mark.django_db
TODAY = date(2024, 4, 3)


def second_quarter(world: KpiWorld) -> Participation:
    do_open_period(actor=world.hr, body=world.body, period=Period(2024, 2))
    return Participation.objects.get(period__quarter=2, employee=world.person)


def test_the_plan_placed_in_the_first_quarter_is_the_second_quarters_plan() -> None:
    world = shakhtinsk_head("2024-Q1")
    plan = placed(world)
    assert (plan.year, plan.quarter) == (2024, 0)
    q2 = second_quarter(world)
    assert reads.plan_span(q2) == Period(2024)
    assert reads.current_plan(q2, PlanKind.KPI) == plan
    sheet = sheets.do_open_kpi_sheet(actor=world.hr, participation_id=q2.pk)
    assert sheet.plan == plan
    assert [line.item.plan_id for line in sheet.lines.all()] == [plan.pk] * 3


def test_a_quarters_own_planned_value_measures_its_achievement() -> None:
    world = shakhtinsk_head("2024-Q1")
    quarterly = [replace(r, by_quarter=(None, Decimal(25), None, None)) for r in rows(3)]
    plan = placed(world, quarterly)
    assert plan.items.first().planned_q2 == Decimal(25)  # type: ignore[union-attr]
    q2 = second_quarter(world)
    sheet = sheets.do_open_kpi_sheet(actor=world.hr, participation_id=q2.pk)
    lines = list(sheet.lines.order_by("item__order"))
    sheet = sheets.do_enter_kpi_actuals(
        actor=world.hr,
        sheet_id=sheet.pk,
        version=sheet.version,
        actuals={line.pk: Decimal(20) for line in lines},
        today=date(2024, 6, 28),
    )
    percents = list(sheet.lines.order_by("item__order").values_list("percent", flat=True))
    assert percents == [Decimal("80.00")] * 3  # 20 of the quarter's 25, not of the year's 100


def test_a_change_waits_for_the_quarter_being_scored_on_the_plan() -> None:
    world = shakhtinsk_head("2024-Q1")
    plan = placed(world)
    q2 = second_quarter(world)
    sheets.do_open_kpi_sheet(actor=world.hr, participation_id=q2.pk)
    before = AuditRecord.objects.count()
    with pytest.raises(DomainError) as refused:
        do_change_kpi_plan(
            actor=user(world.evaluator),
            plan_id=plan.pk,
            version=plan.version,
            rows=rows(4),
            ground="structure_changed",
            reason="A new unit",
            affects_kpis=True,
            participation_id=q2.pk,
        )
    assert refused.value.code is ErrorCode.KPI_PLAN_IN_USE
    assert refused.value.params == {"period": "2024-Q2"}
    plan.refresh_from_db()
    assert plan.state == "placed" and KpiPlan.objects.count() == 1
    assert AuditRecord.objects.count() == before


def test_a_change_after_the_quarters_are_scored_keeps_their_revision() -> None:
    world = shakhtinsk_head("2024-Q1")
    plan = placed(world)
    new = do_change_kpi_plan(
        actor=user(world.evaluator),
        plan_id=plan.pk,
        version=plan.version,
        rows=rows(4),
        ground="structure_changed",
        reason="A new unit",
        affects_kpis=True,
        participation_id=world.participation.pk,
    )
    assert (new.year, new.quarter, new.revision, new.supersedes) == (2024, 0, 2, plan)


@pytest.mark.django_db(transaction=True)
def test_quarterly_plans_already_made_become_revisions_of_the_years_plan() -> None:
    world = shakhtinsk_head("2024-Q1")
    q2 = second_quarter(world)
    executor = MigrationExecutor(connection)
    executor.migrate([("cycles", "0003_period_closing")])
    old = executor.loader.project_state([("cycles", "0003_period_closing")]).apps
    Plan = old.get_model("cycles", "KpiPlan")
    common = {"employee_id": world.person.pk, "body_id": world.body.pk, "year": 2024}
    first = Plan.objects.create(quarter=1, state="placed", **common)
    second = Plan.objects.create(quarter=2, state="draft", **common)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    moved = {p.pk: p for p in KpiPlan.objects.all()}
    assert (moved[first.pk].quarter, moved[first.pk].revision) == (0, 1)
    assert moved[first.pk].state == "superseded"
    assert (moved[second.pk].quarter, moved[second.pk].revision) == (0, 2)
    assert (moved[second.pk].state, moved[second.pk].supersedes_id) == ("draft", first.pk)
    assert reads.current_plan(q2, PlanKind.KPI) == moved[second.pk]
    notes = set(
        AuditRecord.objects.filter(object_type="cycles.kpiplan").values_list("note", flat=True)
    )
    assert notes == {
        "quarterly plan of Q1 carried into the year's plan (ADR 0010)",
        "quarterly plan of Q2 carried into the year's plan (ADR 0010)",
    }


def test_the_plan_page_takes_a_quarters_planned_value_and_refuses_a_bad_one() -> None:
    world = shakhtinsk_head("2030-Q1")
    address = reverse("cycles:kpi_plan_save", args=[world.participation.pk])
    chair = client_for(user(world.evaluator))
    bad = plan_post(3) | {"form-0-planned_q2": "-5"}
    refused = chair.post(address, bad)
    assert refused.status_code == 400
    assert KpiPlan.objects.count() == 0
    assert 'aria-invalid="true"' in refused.content.decode()
    assert chair.post(address, plan_post(3) | {"form-0-planned_q2": "25"}).status_code == 302
    item = KpiPlan.objects.get().items.get(order=1)
    assert (item.planned_value, item.planned_q2, item.planned_q1) == (100, 25, None)
    page = chair.get(reverse("cycles:kpi_plan", args=[world.participation.pk])).content.decode()
    assert "Individual work plan with KPIs, 2030" in page
    assert "The plan is drawn up for 2030; KPI achievement is evaluated each quarter" in page
    assert "Planned for the 2nd quarter" in page
