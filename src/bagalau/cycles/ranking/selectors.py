"""Reads for ranking sheets: the sheet's parameters, the team page, the sheet under review
and a paper sheet's scan. access_scan and access_sheet_for_review check permission
and write the view to the audit trail (R-CONFIDENTIAL, 004 p15, p20)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.shortcuts import get_object_or_404

from bagalau.access import Action, UserLike, require
from bagalau.audit.models import AuditAction
from bagalau.audit.services import build_record, record_many, record_scores_view
from bagalau.cycles.models import (
    Participation,
    ParticipationStatus,
    RankingEntry,
    RankingSheet,
    Result,
    SheetState,
)
from bagalau.cycles.periods.selectors import access_participation
from bagalau.domain.methodology import RankingRules
from bagalau.domain.ranking import SINGLE_SCORE

RANKING = "ranking"


def sheet_codes(rules: RankingRules) -> tuple[str, ...]:
    """The keys the pack's sheet is scored under (R-RANK, 004 p31-32)."""
    if rules.aggregation.value == "single":
        return (SINGLE_SCORE,)
    return tuple(p.code for p in rules.parameters.value)


def sheet_parameters(rules: RankingRules, lang: str) -> list[tuple[str, str]]:
    names = {p.code: p.name.get(lang) for p in rules.parameters.value}
    return [(code, names.get(code, code)) for code in sheet_codes(rules)]


def team_participations(period_id: int, evaluator_id: int) -> list[Participation]:
    """Everyone the evaluator scores by the ranking method in the period (one query)."""
    rows = (
        Participation.objects.filter(period_id=period_id, evaluator_id=evaluator_id)
        .exclude(status=ParticipationStatus.NOT_EVALUATED)
        .select_related("employee", "position")
        .order_by("employee__last_name_ru", "employee__first_name_ru", "pk")
    )
    return [p for p in rows if RANKING in p.methods]


@dataclass
class TeamRow:
    participation: Participation
    entry: RankingEntry | None

    @property
    def without_participation(self) -> bool:
        return self.participation.status == ParticipationStatus.WITHOUT_PARTICIPATION

    @property
    def on_paper(self) -> bool:
        return self.entry is not None and self.entry.on_paper


@dataclass
class TeamPage:
    sheet: RankingSheet | None
    rows: list[TeamRow]

    @property
    def version(self) -> int:
        return self.sheet.version if self.sheet else 0

    @property
    def state(self) -> str:
        return self.sheet.state if self.sheet else SheetState.DRAFT

    @property
    def editable(self) -> bool:
        return self.state in (SheetState.DRAFT, SheetState.RETURNED)


def team_page(period_id: int, evaluator_id: int) -> TeamPage:
    """The team page in two queries, whatever the size of the team."""
    sheet = RankingSheet.objects.filter(period_id=period_id, evaluator_id=evaluator_id).first()
    rows = (
        Participation.objects.filter(period_id=period_id, evaluator_id=evaluator_id)
        .exclude(status=ParticipationStatus.NOT_EVALUATED)
        .select_related("employee", "position", "ranking_entry")
        .order_by("employee__last_name_ru", "employee__first_name_ru", "pk")
    )
    team = [TeamRow(p, getattr(p, "ranking_entry", None)) for p in rows if RANKING in p.methods]
    return TeamPage(sheet, team)


def log_team_view(user: UserLike, page: TeamPage, *, body_id: int, note: str) -> None:
    """A team sheet shown with its scores is one audit record (R-CONFIDENTIAL)."""
    if page.sheet is not None:
        shown = [row.participation.pk for row in page.rows if row.entry is not None]
        record_scores_view(actor=user, obj=page.sheet, body_id=body_id, shown=shown, note=note)


def access_scan(user: UserLike, participation_id: int, *, today: date) -> RankingEntry:
    """The paper sheet's scan, for a user allowed to see the result; the view is logged."""
    participation = access_participation(user, Action.VIEW_SCAN, participation_id, today=today)
    entry = get_object_or_404(RankingEntry, participation=participation, on_paper=True)
    record_many(
        [
            build_record(
                actor=user, action=AuditAction.VIEW, obj=entry,
                body_id=participation.period.body_id, note="scan",
            )
        ]
    )  # fmt: skip
    return entry


def access_sheet_for_review(
    user: UserLike, sheet_id: int, *, today: date
) -> tuple[RankingSheet, dict[int, Result]]:
    """A sheet and its results for the one who approves them; each result shown is logged."""
    sheet = get_object_or_404(
        RankingSheet.objects.select_related("period__body", "evaluator"), pk=sheet_id
    )
    require(user, Action.APPROVE_RESULT, sheet.period.body, today=today)
    results = {
        r.participation_id: r
        for r in Result.objects.filter(participation__ranking_entry__sheet=sheet, method=RANKING)
    }
    record_many(
        build_record(actor=user, action=AuditAction.VIEW, obj=r, body_id=sheet.period.body_id)
        for r in results.values()
    )
    return sheet, results
