"""KPI values the unit or the sheet cannot take are refused at their field, nothing is
saved, never a 500 (the 1e9 actual against a plan of 100 overflowed the % column); HR
sees the draft's KPIs before agreeing the plan."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bagalau.cycles.models import KpiItem, KpiPlan, KpiSheet, KpiSheetLine
from tests.cycles.kpi_people import shakhtinsk_head, user
from tests.cycles.test_kpi_views import QUARTER, client_for, plan_post, url

pytestmark = pytest.mark.django_db


def with_units(data: dict[str, Any], unit: str, planned: str) -> dict[str, Any]:
    return (
        data
        | {k: unit for k in data if k.endswith("-unit")}
        | {k: planned for k in data if k.endswith("-planned_value")}
    )


def field_error(html: str, field: str) -> str:
    """The message shown at a field, checking that the field points at it."""
    assert re.search(rf'aria-invalid="true"[^>]*aria-describedby="{field}_error"|'
                     rf'aria-describedby="{field}_error"[^>]*aria-invalid="true"', html), field  # fmt: skip
    found = re.search(rf'id="{field}_error">(.*?)</p>', html, re.S)
    assert found, field
    return found.group(1)


@pytest.mark.parametrize(
    ("unit", "planned", "says"),
    [
        ("шт.", "-5", "cannot be negative"),
        ("документов", "2.5", "whole number"),
        ("%", "120", "at most 100"),
        ("ед.", "1e30", "too large"),
        ("ед.", "abc", "Enter a number"),
        ("ед.", "1.123456", "4 decimal places"),
    ],
)
def test_a_planned_value_its_unit_does_not_allow_is_refused_at_the_field(
    unit: str, planned: str, says: str
) -> None:
    world = shakhtinsk_head(QUARTER)
    evaluator = client_for(user(world.evaluator))
    response = evaluator.post(url("kpi_plan_save", world), with_units(plan_post(3), unit, planned))
    assert response.status_code == 400
    html = response.content.decode()
    assert says in field_error(html, "id_form-0-planned_value")
    assert "Typed KPI 3" in html  # what was typed stays
    assert not KpiPlan.objects.exists()


def placed(world: Any, unit: str, planned: str) -> KpiSheet:
    evaluator, hr = client_for(user(world.evaluator)), client_for(world.hr)
    assert evaluator.post(
        url("kpi_plan_save", world), with_units(plan_post(3), unit, planned)
    ).status_code == 302  # fmt: skip
    plan = KpiPlan.objects.get()
    hr.post(url("kpi_plan_step", world, plan.pk, "agree"), {"version": 1})
    client_for(user(world.approver)).post(
        url("kpi_plan_step", world, plan.pk, "approve"), {"version": 2}
    )
    hr.post(url("kpi_plan_step", world, plan.pk, "place"), {"version": 3})
    assert hr.post(url("kpi_sheet_open", world)).status_code == 302
    return KpiSheet.objects.get()


@pytest.mark.parametrize(
    ("actual", "says"),
    [("1e9", "probably mistyped"), ("1e30", "too large"), ("-1", "cannot be negative")],
)
def test_an_actual_value_that_would_overflow_is_refused_not_a_500(actual: str, says: str) -> None:
    world = shakhtinsk_head(QUARTER)
    sheet = placed(world, "документов", "100")
    ids = list(sheet.lines.order_by("item__order").values_list("pk", flat=True))
    hr = client_for(world.hr)
    post = {"version": sheet.version, f"actual_{ids[0]}": actual, f"actual_{ids[1]}": "80"}
    response = hr.post(url("kpi_sheet_actuals", world), post)
    assert response.status_code == 400
    assert says in field_error(response.content.decode(), f"id_actual_{ids[0]}")
    assert not KpiSheetLine.objects.filter(actual_value__isnull=False).exists()
    assert hr.get(url("kpi_sheet", world)).status_code == 200


def test_hr_sees_the_kpis_of_a_draft_before_agreeing_it() -> None:
    world = shakhtinsk_head(QUARTER)
    evaluator = client_for(user(world.evaluator))
    assert evaluator.post(url("kpi_plan_save", world), plan_post(3)).status_code == 302
    for account in (world.hr, user(world.approver)):
        page = client_for(account).get(url("kpi_plan", world)).content.decode()
        table = page.split("KPIs of the plan", 1)[1]
        for n in (1, 2, 3):
            assert f"Typed KPI {n}" in table
        assert "Regional development plan" in table and "31.03.2030" in table
    hr_page = client_for(world.hr).get(url("kpi_plan", world)).content.decode()
    assert hr_page.index("Typed KPI 3") < hr_page.index("Agree (HR)")
    assert 'data-confirm="' in hr_page.split("Agree (HR)")[0].rsplit("<form", 1)[1]
    assert KpiItem.objects.count() == 3


def test_every_refused_kpi_score_is_shown_at_its_kpi() -> None:
    world = shakhtinsk_head(QUARTER)
    sheet = placed(world, "%", "100")
    ids = list(sheet.lines.order_by("item__order").values_list("pk", flat=True))
    hr, evaluator = client_for(world.hr), client_for(user(world.evaluator))
    actuals = {"version": sheet.version} | {f"actual_{i}": "40" for i in ids}
    assert hr.post(url("kpi_sheet_actuals", world), actuals).status_code == 302
    sheet.refresh_from_db()
    marks = {"version": sheet.version, f"mark_{ids[0]}": "x", f"mark_{ids[1]}": "9"}
    marks[f"mark_{ids[2]}"] = "3"
    response = evaluator.post(url("kpi_sheet_scores", world), marks)
    html = response.content.decode()
    assert response.status_code == 400
    assert field_error(html, f"id_mark_{ids[0]}") and field_error(html, f"id_mark_{ids[1]}")
    assert html.count('class="field-error"') == 2
    assert not KpiSheetLine.objects.filter(score__isnull=False).exists()
