"""Closed quarters holding every kind of evaluation document, for the retention tests:
ranked and closed through the services, acknowledged, disputed, a refusal act, a paper
sheet with its scan, the head's KPI sheet and its scan on the plan drawn up for the year
(a new revision in each later quarter), a bonus award; each with the audit records the
services (or, for the rows made here, this module) wrote."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Model, QuerySet
from django.test import TestCase

from bagalau.audit.models import AuditAction, AuditRecord
from bagalau.audit.services import record_change, snapshot
from bagalau.core import clock
from bagalau.cycles.close.services import do_close_period
from bagalau.cycles.familiarization.services import do_acknowledge_result, do_submit_disagreement
from bagalau.cycles.models import (
    BonusAward,
    Disagreement,
    EvaluationPeriod,
    Familiarization,
    KpiItem,
    KpiPlan,
    KpiSheet,
    KpiSheetLine,
    Participation,
    RankingEntry,
    RankingSheet,
    Result,
    Schedule,
    ScheduleItem,
)
from bagalau.cycles.ranking import services as ranking
from bagalau.orgs.models import Assignment
from tests.cycles.factories import Body, shakhtinsk_body
from tests.cycles.test_close_period import approve, open_quarter
from tests.cycles.test_ranking_services import PDF, hr_user, save, scores, team_ids

MODELS: tuple[type[Model], ...] = (
    Result,
    Familiarization,
    Disagreement,
    RankingSheet,
    RankingEntry,
    KpiPlan,
    KpiItem,
    KpiSheet,
    KpiSheetLine,
    BonusAward,
    ScheduleItem,
)


def retention_body() -> Body:
    """Three specialists ranked by the head of apparatus, who was appointed too late
    in 2024-Q1 to be evaluated in it (so they owe no KPI sheet to close it)."""
    org = shakhtinsk_body(staff=3)
    Assignment.objects.filter(employee=org.head).update(start=date(2024, 3, 20))
    return org


def closed_quarter(
    org: Body, code: str, closed_on: date, move: Callable[[date], None]
) -> EvaluationPeriod:
    """The quarter ``code`` opened five days before ``closed_on`` and closed on it
    (local noon), with a document of every kind."""
    move(closed_on - timedelta(days=5))
    period = open_quarter(org, code)
    a, b, c = team_ids(period, org)
    ranking.do_enter_paper_ranking(
        actor=hr_user(),
        participation_id=a,
        scores=scores(3, 4, 4, 5),
        comment="signed",
        scan=ranking.ScanFile("sheet.pdf", PDF),
        version=0,
    )
    sheet = save(org, period, {b: scores(5, 4, 4, 3), c: scores(2, 2, 3, 3)}, 1)
    sheet = ranking.do_submit_ranking_sheet(
        actor=org.head.user, sheet_id=sheet.pk, version=sheet.version
    )
    approve(sheet)
    BonusAward.objects.create(
        participation_id=a, points=2, activity=0, evidence="report", awarded_by=org.head
    )
    # The head's KPI sheet is made below, as a record only: the close does not wait for it.
    Participation.objects.filter(period=period, employee=org.head).update(
        status="not_evaluated", methods=[]
    )
    move(closed_on)
    period.refresh_from_db()
    with TestCase.captureOnCommitCallbacks(execute=True):
        do_close_period(
            actor=hr_user(), period_id=period.pk, version=period.version, today=closed_on
        )
    _familiarize(org, period, b, c)
    _kpi_documents(org, period)
    period.refresh_from_db()
    return period


def _familiarize(org: Body, period: EvaluationPeriod, acknowledged: int, refused: int) -> None:
    result = Result.objects.get(participation_id=acknowledged)
    employee = Participation.objects.get(pk=acknowledged).employee
    do_acknowledge_result(actor=employee.user, result_id=result.pk, version=result.version)
    do_submit_disagreement(actor=employee.user, result_id=result.pk, text="I disagree: ...")
    other = Result.objects.get(participation_id=refused)
    act = Familiarization.objects.create(
        result=other,
        channel="written",
        at=clock.now(),
        refused=True,
        act_number="7",
        witness_one=org.staff[0],
        witness_two=org.head,
        note="refused to sign",
    )
    record_change(actor=hr_user(), action=AuditAction.CREATE, obj=act, after=snapshot(act))


def _kpi_documents(org: Body, period: EvaluationPeriod) -> None:
    """The head's plan for the year (docs/adr/0010), changed in each quarter after the
    first (a new revision), and the quarter's paper sheet scored on its latest revision."""
    head = Participation.objects.get(period=period, employee=org.head)
    latest = year_plans(org, period.year).order_by("-revision").first()
    if latest is not None:
        latest.state = "superseded"
        latest.save()
    plan = _plan(org, period.year, after=latest)
    name = default_storage.save(f"scans/{period.year}/kpi-{period.pk}.pdf", ContentFile(PDF))
    sheet = KpiSheet.objects.create(
        participation=head, plan=plan, state="approved", on_paper=True, scan=name
    )
    for item in plan.items.all():
        KpiSheetLine.objects.create(
            sheet=sheet, item=item, actual_value=Decimal(9), percent=Decimal(90), score=4
        )
    record_change(
        actor=hr_user(),
        action=AuditAction.UPDATE,
        obj=sheet,
        before={"state": "submitted"},
        after=snapshot(sheet, exclude=("scan",)),
        note="KPI sheet page",
    )


def _plan(org: Body, year: int, *, after: KpiPlan | None) -> KpiPlan:
    plan = KpiPlan.objects.create(
        employee=org.head,
        body=org.body,
        year=year,
        quarter=0,
        evaluator=org.head,
        state="placed",
        revision=after.revision + 1 if after else 1,
        supersedes=after,
        change_reason="the unit's functions changed" if after else "",
    )
    for n in range(1, 4):
        KpiItem.objects.create(
            plan=plan,
            order=n,
            name=f"KPI {n} of {org.head.last_name_kk}",
            planned_value=Decimal(10),
        )
    record_change(
        actor=AnonymousUser(),
        action=AuditAction.CREATE,
        obj=plan,
        after=snapshot(plan) | {"items": [i.name for i in plan.items.all()]},
    )
    return plan


def year_plans(org: Body, year: int) -> QuerySet[KpiPlan]:
    """Every revision of the head's plan drawn up for ``year``."""
    return KpiPlan.objects.filter(body=org.body, employee=org.head, year=year, quarter=0)


def plans_and_kpis(org: Body, year: int) -> tuple[int, int]:
    plans = year_plans(org, year)
    return plans.count(), KpiItem.objects.filter(plan__in=plans).count()


def documents_of(period: EvaluationPeriod) -> dict[str, int]:
    """How many rows of each kind of document the period holds (the year's plans are
    counted by ``plans_and_kpis``)."""
    by_period = {
        Result: "participation__period",
        Familiarization: "result__participation__period",
        Disagreement: "result__participation__period",
        RankingSheet: "period",
        RankingEntry: "sheet__period",
        KpiSheet: "participation__period",
        KpiSheetLine: "sheet__participation__period",
        BonusAward: "participation__period",
        ScheduleItem: "schedule__period",
    }
    counts = {
        m.__name__: m._default_manager.filter(**{p: period}).count() for m, p in by_period.items()
    }
    return counts


def everything() -> list[object]:
    """The state a refused or listing run must leave as it was."""
    return [
        {
            m.__name__: list(m._default_manager.order_by("pk").values_list("pk", flat=True))
            for m in MODELS
        },
        list(Participation.objects.order_by("pk").values_list("evaluator_id", "reasons")),
        list(Schedule.objects.order_by("pk").values_list("note", "approved_by_id", "state")),
        list(
            EvaluationPeriod.objects.order_by("pk").values_list("documents_removed_at", "version")
        ),
        list(
            AuditRecord.objects.order_by("pk").values_list(
                "pk", "before", "after", "object_repr", "note"
            )
        ),
    ]


def scans_of(period: EvaluationPeriod) -> list[str]:
    entries = RankingEntry.objects.filter(sheet__period=period).exclude(scan="")
    sheets = KpiSheet.objects.filter(participation__period=period).exclude(scan="")
    return [*(e.scan.name for e in entries), *(s.scan.name for s in sheets)]
