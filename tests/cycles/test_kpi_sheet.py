"""The KPI evaluation sheet: HR's actuals, the evaluator's 0-5 scores within the table
(R-KPI-SCORE), the superior manager's review, and the result computed by the domain.
Also Atyrau's count-based chapter 6 (001 p47-54) for 2023."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from bagalau.audit.models import AuditRecord
from bagalau.core.calendar import kazakhstan_calendar
from bagalau.cycles.kpi import selectors as selectors_kpi
from bagalau.cycles.kpi.plan_services import (
    do_agree_kpi_plan,
    do_approve_kpi_plan,
    do_draft_kpi_plan,
    do_place_kpi_plan,
)
from bagalau.cycles.kpi.sheet_services import (
    do_enter_kpi_actuals,
    do_open_kpi_sheet,
    do_review_kpi_sheet,
    do_score_kpi_sheet,
    do_submit_kpi_sheet,
)
from bagalau.cycles.models import KpiSheet, KpiSheetLine, Result
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import Cited
from bagalau.domain.methodology import AchievementRow, Pack
from tests.cycles.kpi_people import KpiWorld, atyrau_specialist, rows, shakhtinsk_head, user

pytestmark = pytest.mark.django_db
ACTUALS_DAY = date(2024, 4, 2)  # the actuals are due 5 working days before 10.04.2024


def open_sheet(world: KpiWorld, count: int = 3) -> KpiSheet:
    plan = do_draft_kpi_plan(
        actor=user(world.evaluator),
        participation_id=world.participation.pk,
        rows=rows(count),
        version=0,
    )
    plan = do_agree_kpi_plan(actor=world.hr, plan_id=plan.pk, version=plan.version)
    plan = do_approve_kpi_plan(actor=user(world.approver), plan_id=plan.pk, version=plan.version)
    do_place_kpi_plan(
        actor=world.hr, plan_id=plan.pk, version=plan.version, today=date(2024, 1, 12)
    )
    return do_open_kpi_sheet(actor=world.hr, participation_id=world.participation.pk)


def line_ids(sheet: KpiSheet) -> list[int]:
    return list(sheet.lines.order_by("item__order").values_list("pk", flat=True))


def test_full_quarter_flow_for_the_head_of_apparatus() -> None:
    world = shakhtinsk_head("2024-Q1")
    sheet = open_sheet(world)
    ids = line_ids(sheet)
    sheet = do_enter_kpi_actuals(
        actor=world.hr,
        sheet_id=sheet.pk,
        version=1,
        actuals={ids[0]: Decimal("100"), ids[1]: Decimal("89.996"), ids[2]: Decimal("50")},
        today=ACTUALS_DAY,
    )
    assert list(
        KpiSheetLine.objects.filter(sheet=sheet)
        .order_by("item__order")
        .values_list("percent", flat=True)
    ) == [
        Decimal("100.00"),
        Decimal("90.00"),
        Decimal("50.00"),
    ]
    sheet = do_score_kpi_sheet(
        actor=user(world.evaluator), sheet_id=sheet.pk, version=2, scores={ids[0]: "5", ids[1]: 4}
    )
    assert not Result.objects.exists()  # incomplete: no result yet
    sheet = do_score_kpi_sheet(
        actor=user(world.evaluator), sheet_id=sheet.pk, version=3, scores={ids[2]: "2"}
    )
    draft = Result.objects.get(participation=world.participation)
    assert (draft.method, draft.state, draft.score) == ("kpi", "draft", Decimal("3.67"))
    sheet = do_submit_kpi_sheet(actor=user(world.evaluator), sheet_id=sheet.pk, version=4)
    sheet = do_review_kpi_sheet(
        actor=user(world.approver), sheet_id=sheet.pk, version=5, agree=True
    )
    assert sheet.state == "approved" and sheet.approved_by == user(world.approver)
    result = Result.objects.get(participation=world.participation, method="kpi")
    assert (result.state, result.score, result.approved_by) == (
        "approved",
        Decimal("3.67"),
        user(world.approver),
    )
    assert [line["score"] for line in result.inputs["lines"]] == [5, 4, 2]
    assert (
        result.inputs["lines"][1]["percent"] == "90.00"
        and result.inputs["pack"] == "shakhtinsk-2023"
    )
    assert {(c["act"], c["paragraph"]) for c in result.cites} >= {
        ("shakhtinsk-278-5", "app. 3"),
        ("shakhtinsk-278-5", "app. 2"),
    }
    # the table and the aggregation are not in the sources (DOMAIN.md §7): flagged
    assert set(result.unverified) == {"kpi.achievement_table", "kpi.aggregation"}
    assert AuditRecord.objects.filter(object_type="cycles.kpisheet").count() == 6
    assert AuditRecord.objects.filter(object_type="cycles.result", actor__isnull=False).count() == 3


def with_table(pack: Pack) -> Pack:
    """A pack whose body entered a table of admissible scores (Typical app. 3)."""
    assert pack.rules.kpi is not None
    table = Cited(
        (
            AchievementRow(Decimal(0), Decimal("49.99"), 0, 1),
            AchievementRow(Decimal(50), Decimal("89.99"), 2, 3),
            AchievementRow(Decimal(90), None, 4, 5),
        ),
        pack.rules.kpi.achievement_table.cite,
    )
    kpi = dataclasses.replace(pack.rules.kpi, achievement_table=table)
    return dataclasses.replace(pack, rules=dataclasses.replace(pack.rules, kpi=kpi))


def test_a_score_the_table_does_not_allow_is_refused_and_nothing_is_saved(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    world = shakhtinsk_head("2024-Q1")
    sheet = open_sheet(world)
    ids = line_ids(sheet)
    with pytest.raises(DomainError) as err:  # no actual yet: nothing to score against
        do_score_kpi_sheet(
            actor=user(world.evaluator), sheet_id=sheet.pk, version=1, scores={ids[0]: "4"}
        )
    assert err.value.code is ErrorCode.KPI_ACTUAL_MISSING
    sheet = do_enter_kpi_actuals(
        actor=world.hr,
        sheet_id=sheet.pk,
        version=1,
        actuals={i: Decimal("60") for i in ids},
        today=ACTUALS_DAY,
    )
    original = selectors_kpi.pack_of
    monkeypatch.setattr(selectors_kpi, "pack_of", lambda part: with_table(original(part)))
    with pytest.raises(DomainError) as err:
        do_score_kpi_sheet(
            actor=user(world.evaluator),
            sheet_id=sheet.pk,
            version=2,
            scores={ids[0]: "3", ids[1]: "4"},
        )
    assert err.value.code is ErrorCode.SCORE_NOT_ADMISSIBLE
    assert err.value.params == {
        "value": 4, "achievement": Decimal("60.00"), "min": 2, "max": 3, "line": ids[1]
    }  # fmt: skip
    assert err.value.cite is not None and err.value.cite.paragraph == "app. 3"
    for bad, code in (
        ("6", ErrorCode.SCORE_OUT_OF_RANGE),
        ("-1", ErrorCode.SCORE_OUT_OF_RANGE),
        ("4.5", ErrorCode.SCORE_NOT_INTEGER),
    ):
        with pytest.raises(DomainError) as err:
            do_score_kpi_sheet(
                actor=user(world.evaluator), sheet_id=sheet.pk, version=2, scores={ids[0]: bad}
            )
        assert err.value.code is code
    sheet.refresh_from_db()
    assert sheet.version == 2
    assert list(sheet.lines.values_list("score", flat=True)) == [None, None, None]
    sheet = do_score_kpi_sheet(
        actor=user(world.evaluator), sheet_id=sheet.pk, version=2, scores={i: "3" for i in ids}
    )
    assert Result.objects.get().unverified == ["kpi.aggregation"]  # the table is now the body's


def test_actuals_after_their_deadline_and_stale_saves_are_refused() -> None:
    world = shakhtinsk_head("2024-Q1")
    sheet = open_sheet(world)
    ids = line_ids(sheet)
    with pytest.raises(DomainError) as err:
        do_enter_kpi_actuals(
            actor=world.hr,
            sheet_id=sheet.pk,
            version=1,
            actuals={ids[0]: Decimal(1)},
            today=date(2024, 4, 4),
        )
    assert err.value.code is ErrorCode.DEADLINE_PASSED
    assert err.value.params["due"] == date(2024, 4, 3)
    do_enter_kpi_actuals(
        actor=world.hr,
        sheet_id=sheet.pk,
        version=1,
        actuals={ids[0]: Decimal(1)},
        today=ACTUALS_DAY,
    )
    with pytest.raises(DomainError) as err:  # the evaluator's page was loaded before HR saved
        do_score_kpi_sheet(
            actor=user(world.evaluator), sheet_id=sheet.pk, version=1, scores={ids[0]: "1"}
        )
    assert err.value.code is ErrorCode.STALE_VERSION
    assert KpiSheetLine.objects.get(pk=ids[0]).actual_value == Decimal(1)
    with pytest.raises(DomainError) as err:
        do_submit_kpi_sheet(actor=user(world.evaluator), sheet_id=sheet.pk, version=2)
    assert err.value.code is ErrorCode.KPI_SCORE_MISSING
    assert err.value.params == {"kpi": 1}


def test_a_sheet_is_returned_with_a_reason_then_corrected_and_agreed() -> None:
    world = shakhtinsk_head("2024-Q1")
    sheet = open_sheet(world)
    ids = line_ids(sheet)
    do_enter_kpi_actuals(
        actor=world.hr,
        sheet_id=sheet.pk,
        version=1,
        actuals={i: Decimal(100) for i in ids},
        today=ACTUALS_DAY,
    )
    do_score_kpi_sheet(
        actor=user(world.evaluator), sheet_id=sheet.pk, version=2, scores={i: "5" for i in ids}
    )
    do_submit_kpi_sheet(actor=user(world.evaluator), sheet_id=sheet.pk, version=3)
    with pytest.raises(DomainError) as err:
        do_review_kpi_sheet(
            actor=user(world.approver), sheet_id=sheet.pk, version=4, agree=False, reason_text="  "
        )
    assert err.value.code is ErrorCode.RETURN_REASON_MISSING
    sheet = do_review_kpi_sheet(
        actor=user(world.approver),
        sheet_id=sheet.pk,
        version=4,
        agree=False,
        reason_text="KPI 2 has no evidence.",
    )
    assert (sheet.state, sheet.return_reason) == ("returned", "KPI 2 has no evidence.")
    assert Result.objects.get().state == "returned"
    do_score_kpi_sheet(
        actor=user(world.evaluator), sheet_id=sheet.pk, version=5, scores={ids[1]: "4"}
    )
    do_submit_kpi_sheet(actor=user(world.evaluator), sheet_id=sheet.pk, version=6)
    result = Result.objects.get()
    assert (result.state, result.score) == ("submitted", Decimal("4.67"))
    do_review_kpi_sheet(actor=user(world.approver), sheet_id=sheet.pk, version=7, agree=True)
    assert Result.objects.get().state == "approved"
    with pytest.raises(DomainError) as err:  # an approved sheet is final
        do_score_kpi_sheet(
            actor=user(world.evaluator), sheet_id=sheet.pk, version=8, scores={ids[0]: "1"}
        )
    assert err.value.code is ErrorCode.TRANSITION_NOT_ALLOWED


def test_no_sheet_before_the_plan_is_placed() -> None:
    world = shakhtinsk_head("2024-Q1")
    do_draft_kpi_plan(
        actor=user(world.evaluator),
        participation_id=world.participation.pk,
        rows=rows(3),
        version=0,
    )
    with pytest.raises(DomainError) as err:
        do_open_kpi_sheet(actor=world.hr, participation_id=world.participation.pk)
    assert err.value.code is ErrorCode.KPI_PLAN_NOT_PLACED
    assert not KpiSheet.objects.exists()


def test_atyrau_2023_count_based_flow() -> None:
    world = atyrau_specialist()
    with pytest.raises(DomainError) as err:  # 001 p47: exactly five
        do_draft_kpi_plan(
            actor=user(world.evaluator),
            participation_id=world.participation.pk,
            rows=rows(4),
            version=0,
        )
    assert err.value.code is ErrorCode.KPI_COUNT_OUT_OF_RANGE
    assert err.value.params == {"count": 4, "min": 5, "max": 5}
    assert err.value.cite is not None and (err.value.cite.act, err.value.cite.paragraph) == (
        "atyrau-105",
        "47",
    )
    sheet = open_sheet(world, count=5)
    assert sheet.plan.kind == "count_kpi"
    ids = line_ids(sheet)
    flags = {ids[0]: True, ids[1]: True, ids[2]: True, ids[3]: False, ids[4]: True}
    do_score_kpi_sheet(actor=user(world.evaluator), sheet_id=sheet.pk, version=1, achieved=flags)
    do_submit_kpi_sheet(actor=user(world.evaluator), sheet_id=sheet.pk, version=2)
    with pytest.raises(DomainError) as err:  # 001 p53: only the two listed reasons
        do_review_kpi_sheet(
            actor=user(world.approver),
            sheet_id=sheet.pk,
            version=3,
            agree=False,
            reason_code="late",
        )
    assert err.value.code is ErrorCode.RETURN_REASON_MISSING
    assert err.value.cite is not None and err.value.cite.paragraph == "53"
    sheet = do_review_kpi_sheet(
        actor=user(world.approver),
        sheet_id=sheet.pk,
        version=3,
        agree=False,
        reason_code="insufficient_evidence",
        reason_text="No act for KPI 4.",
    )
    assert sheet.return_reason == "insufficient_evidence: No act for KPI 4."
    do_score_kpi_sheet(
        actor=user(world.evaluator),
        sheet_id=sheet.pk,
        version=4,
        achieved={ids[3]: False, ids[2]: False},
    )
    do_submit_kpi_sheet(actor=user(world.evaluator), sheet_id=sheet.pk, version=5)
    do_review_kpi_sheet(actor=user(world.approver), sheet_id=sheet.pk, version=6, agree=True)
    result = Result.objects.get(participation=world.participation)
    assert (result.method, result.state, result.score, result.band) == (
        "count_kpi",
        "approved",
        None,
        "satisfactory",
    )
    assert (result.inputs["achieved"], result.inputs["total"]) == (3, 5)
    assert ("atyrau-105", "49") in {(c["act"], c["paragraph"]) for c in result.cites}


def test_atyrau_returned_sheet_goes_back_within_two_working_days() -> None:
    # 001 p54: "түзетуге жолдағаннан кейін 2 жұмыс күнінен кешіктірілмей"
    world = atyrau_specialist()
    sheet = open_sheet(world, count=5)
    ids = line_ids(sheet)
    do_score_kpi_sheet(
        actor=user(world.evaluator), sheet_id=sheet.pk, version=1, achieved=dict.fromkeys(ids, True)
    )
    do_submit_kpi_sheet(actor=user(world.evaluator), sheet_id=sheet.pk, version=2)
    sheet = do_review_kpi_sheet(
        actor=user(world.approver),
        sheet_id=sheet.pk,
        version=3,
        agree=False,
        reason_code="insufficient_evidence",
        reason_text="No act for KPI 4.",
    )
    returned = timezone.localdate(sheet.returned_at)
    late = kazakhstan_calendar().add_working_days(returned, 3)
    with pytest.raises(DomainError) as err:
        do_submit_kpi_sheet(actor=user(world.evaluator), sheet_id=sheet.pk, version=4, today=late)
    assert err.value.code is ErrorCode.DEADLINE_PASSED
    assert err.value.params["due"] == kazakhstan_calendar().add_working_days(returned, 2)
    assert err.value.cite is not None and err.value.cite.paragraph == "54"
    assert KpiSheet.objects.get(pk=sheet.pk).state == "returned"
    on_time = kazakhstan_calendar().add_working_days(returned, 2)
    sheet = do_submit_kpi_sheet(
        actor=user(world.evaluator), sheet_id=sheet.pk, version=4, today=on_time
    )
    assert sheet.state == "submitted"
