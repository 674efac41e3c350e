"""R-KPI-CHANGE (004 p25) on every path that changes an approved KPI plan: a change
without a ground, with a ground the methodology does not name, or not affecting the
KPIs is refused with the rule, at the field on the page and as the rule's code with its
citation in the API, and nothing changes: the plan stays as approved and placed, no new
revision, no audit record. Editing the approved plan in place is refused too."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bagalau.audit.models import AuditRecord
from bagalau.cycles.models import KpiItem, KpiPlan
from tests.api.helpers import api
from tests.api.test_kpi_api import kpis
from tests.api.test_kpi_api import placed as placed_by_api
from tests.cycles.kpi_people import KpiWorld, shakhtinsk_head, user
from tests.cycles.test_kpi_views import plan_post

pytestmark = pytest.mark.django_db
QUARTER = "2030-Q1"  # ahead, so that deadlines counted from today have not passed
CITE = "Shakhtinsk city maslikhat apparatus methodology, paragraph 25"
RULE = {"act": "shakhtinsk-278-5", "paragraph": "25", "via_typical": False, "borrowed": False}
MESSAGE = {
    "en": (
        "KPIs may be changed only on a ground the methodology names (the body's functions "
        "or structure changed) and only when that change directly affects achieving the "
        "KPIs. Choose the ground and confirm that it affects the KPIs. (basis: " + CITE + ")"
    ),
    "ru": (
        "КЦИ можно изменить только по основанию, названному в методике (изменились функции "
        "или структура органа), и только если это изменение непосредственно влияет на "
        "достижение КЦИ. Выберите основание и подтвердите, что оно влияет на КЦИ. "
        "(основание: Методика аппарата Шахтинского городского маслихата, пункт 25)"
    ),
}
# (ground, affects the KPIs, the field the refusal is shown at)
REFUSED = [
    ("", True, "ground"),
    ("reorganisation", True, "ground"),  # not one of the pack's grounds
    ("x" * 60, True, "ground"),  # longer than any ground: still the rule's answer
    ("functions_changed", False, "affects_kpis"),
]


def state() -> dict[str, Any]:
    """Everything a refused change must leave as it was."""
    return {
        "plans": list(KpiPlan.objects.order_by("pk").values_list("pk", "revision", "state", "version")),
        "items": list(KpiItem.objects.order_by("pk").values_list("plan_id", "order", "name")),
        "audit": AuditRecord.objects.count(),
    }  # fmt: skip


def web(world: KpiWorld, lang: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    client.force_login(user(world.evaluator))
    return client


def change_url(world: KpiWorld, plan: KpiPlan) -> str:
    return reverse("cycles:kpi_plan_change", args=[world.participation.pk, plan.pk])


def api_url(name: str, world: KpiWorld) -> str:
    return reverse(f"api:{name}", args=[world.participation.pk])


@pytest.mark.parametrize(("ground", "affects", "field"), REFUSED)
def test_the_page_refuses_at_the_field_and_changes_nothing(
    ground: str, affects: bool, field: str
) -> None:
    world = shakhtinsk_head(QUARTER)
    plan = placed_by_api(world)
    before = state()
    post = plan_post(4, version=plan.version) | {"ground": ground, "reason": "Typed reason"}
    if affects:
        post["affects_kpis"] = "on"
    response = web(world).post(change_url(world, plan), post)
    assert response.status_code == 400
    page = response.content.decode()
    error = f'<p class="field-error" id="id_{field}_error">{MESSAGE["en"]}</p>'
    assert error.replace("'", "&#x27;") in page
    assert f'aria-describedby="id_{field}_error"' in page
    assert "Typed KPI 4" in page and "Typed reason" in page  # what was typed is kept
    assert state() == before
    plan.refresh_from_db()
    assert (plan.state, plan.revision) == ("placed", 1)


def test_the_page_says_it_in_the_reader_s_language() -> None:
    world = shakhtinsk_head(QUARTER)
    plan = placed_by_api(world)
    post = plan_post(4, version=plan.version) | {"ground": "", "affects_kpis": "on"}
    response = web(world, "ru").post(change_url(world, plan), post)
    assert response.status_code == 400
    assert MESSAGE["ru"] in response.content.decode()


@pytest.mark.parametrize(("ground", "affects", "_field"), REFUSED)
def test_the_api_answers_the_rule_s_code_and_citation_and_changes_nothing(
    ground: str, affects: bool, _field: str
) -> None:
    world = shakhtinsk_head(QUARTER)
    plan = placed_by_api(world)
    before = state()
    change = {
        "version": plan.version,
        "rows": kpis(4),
        "ground": ground,
        "reason": "",
        "affects_kpis": affects,
    }
    response = api(user(world.evaluator)).post(
        api_url("kpi_plan_change", world), change, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "kpi_change_without_ground",
            "message": MESSAGE["en"],
            "rule": RULE,
            "cite": CITE,
            "fields": {},
        }
    }
    assert state() == before


def test_the_api_says_it_in_the_reader_s_language() -> None:
    world = shakhtinsk_head(QUARTER)
    plan = placed_by_api(world)
    change = {"version": plan.version, "rows": kpis(4), "affects_kpis": True}
    response = api(user(world.evaluator), lang="ru").post(
        api_url("kpi_plan_change", world), change, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == MESSAGE["ru"]


def test_an_approved_plan_is_not_edited_in_place_on_either_path() -> None:
    world = shakhtinsk_head(QUARTER)
    plan = placed_by_api(world)
    before = state()
    draft = {"version": plan.version, "rows": kpis(4)}
    response = api(user(world.evaluator)).put(api_url("kpi_plan", world), draft, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "transition_not_allowed"
    page = web(world).post(
        reverse("cycles:kpi_plan_save", args=[world.participation.pk]),
        plan_post(4, version=plan.version),
    )
    assert page.status_code == 400
    assert state() == before


def test_a_change_with_its_ground_makes_one_new_revision() -> None:
    world = shakhtinsk_head(QUARTER)
    plan = placed_by_api(world)
    audit = AuditRecord.objects.count()
    post = plan_post(4, version=plan.version) | {
        "ground": "structure_changed",
        "reason": "The unit was merged.",
        "affects_kpis": "on",
    }
    assert web(world).post(change_url(world, plan), post).status_code == 302
    assert list(KpiPlan.objects.order_by("revision").values_list("revision", "state")) == [
        (1, "superseded"),
        (2, "draft"),
    ]
    new = KpiPlan.objects.get(revision=2)
    assert (new.change_ground, new.change_reason, new.items.count()) == (
        "structure_changed",
        "The unit was merged.",
        4,
    )
    assert AuditRecord.objects.count() > audit
