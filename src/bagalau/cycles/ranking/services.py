"""Ranking sheets (саралау парағы), R-RANK (004 p28-32): the evaluator's team page.

The evaluator scores every subordinate evaluated by the ranking method for the quarter
on one page, 0-5 on each parameter of the pack's sheet, saves drafts and submits; the
superior (the appointing official or HR) approves or returns the sheet. Where the
evaluation was made on paper (R-METHODS, 004 p3), HR enters the signed sheet's scores
and attaches its scan. Every write checks the sheet's version, so a stale page is
refused (STALE_VERSION) and nothing of it is saved.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from bagalau.audit.services import snapshot
from bagalau.core import clock
from bagalau.core.locking import check_version
from bagalau.cycles.common import Actor, user_of
from bagalau.cycles.editing import lock_in_open_period, lock_open_period, save_changed
from bagalau.cycles.events import announce_hand_over
from bagalau.cycles.models import (
    EvaluationPeriod,
    Participation,
    RankingEntry,
    RankingSheet,
    SheetState,
)
from bagalau.cycles.ranking.results import move_ranking_results, write_ranking_results
from bagalau.cycles.ranking.selectors import team_participations
from bagalau.domain.errors import DomainError, DomainErrors, ErrorCode, raise_all
from bagalau.domain.methodology import Pack, RankingRules
from bagalau.domain.ranking import check_sheet_scores
from bagalau.domain.workflow import WorkflowKind, transition
from bagalau.packs import registry

MAX_SCAN_MB = 10
# Content sniffed from the first bytes, never taken from the name or the browser.
SCAN_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "pdf", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "png", "image/png"),
    (b"\xff\xd8\xff", "jpg", "image/jpeg"),
)


@dataclass(frozen=True)
class EntryInput:
    """One row of the team page: parameter code -> the score as typed ("" not yet)."""

    participation_id: int
    scores: Mapping[str, object]
    comment: str = ""


@dataclass(frozen=True)
class ScanFile:
    name: str
    content: bytes


def scan_type(content: bytes) -> tuple[str, str] | None:
    """The extension and content type of a PDF, PNG or JPEG file, by its content."""
    for signature, extension, content_type in SCAN_SIGNATURES:
        if content.startswith(signature):
            return extension, content_type
    return None


def check_scan(scan: ScanFile) -> str:
    """A scan is a PDF, JPEG or PNG of at most MAX_SCAN_MB; returns its extension."""
    if len(scan.content) > MAX_SCAN_MB * 1024 * 1024:
        raise DomainError(ErrorCode.SCAN_TOO_LARGE, {"file": scan.name, "max": MAX_SCAN_MB})
    found = scan_type(scan.content)
    if found is None:
        raise DomainError(ErrorCode.SCAN_TYPE_NOT_ALLOWED, {"file": scan.name})
    return found[0]


def ranking_rules(period: EvaluationPeriod) -> tuple[Pack, RankingRules]:
    pack = registry().pack(period.pack_id)
    if pack.rules.ranking is None:
        raise DomainError(ErrorCode.RULE_NOT_IN_PACK, {"rule": "ranking"})
    return pack, pack.rules.ranking


def checked_scores(
    scores: Mapping[str, object], rules: RankingRules, *, complete: bool
) -> dict[str, int]:
    """R-RANK (004 p31): the row's scores checked by the domain, every problem at once."""
    return check_sheet_scores(scores, rules, complete=complete)


def _for_row(err: DomainError, participation: Participation) -> list[DomainError]:
    """Name the row (and its employee) each error belongs to, so the page shows it there."""
    found = err.errors if isinstance(err, DomainErrors) else (err,)
    for one in found:
        one.params.setdefault("participation_id", participation.pk)
        one.params.setdefault("employee", participation.employee)
    return list(found)


def _locked_sheet(period: EvaluationPeriod, evaluator_id: int, version: int) -> RankingSheet:
    """The sheet, locked in its open period, at ``version`` (0: not created yet) and
    still editable."""
    lock_open_period(period.pk)
    sheet = (
        RankingSheet.objects.select_for_update()
        .select_related("period")
        .filter(period=period, evaluator_id=evaluator_id)
        .first()
    )
    check_version(sheet, version)
    if sheet is None:
        try:
            with transaction.atomic():
                sheet = RankingSheet.objects.create(period=period, evaluator_id=evaluator_id)
        except IntegrityError:
            raise DomainError(ErrorCode.STALE_VERSION, {"object": "ranking sheet"}) from None
        sheet.version = 0
    if sheet.state not in (SheetState.DRAFT, SheetState.RETURNED):
        raise DomainError(
            ErrorCode.TRANSITION_NOT_ALLOWED,
            {"object": "ranking sheet", "from": sheet.state, "to": SheetState.DRAFT},
        )
    return sheet


@transaction.atomic
def do_save_ranking_sheet(
    *,
    actor: Actor,
    period_id: int,
    evaluator_id: int,
    entries: Sequence[EntryInput],
    version: int,
) -> RankingSheet:
    """Save the evaluator's draft: every score given is checked first, then all are
    written together (nothing half-way). Paper entries are HR's and not on the form."""
    period = EvaluationPeriod.objects.get(pk=period_id)
    _, rules = ranking_rules(period)
    sheet = _locked_sheet(period, evaluator_id, version)
    team = {p.pk: p for p in team_participations(period.pk, evaluator_id)}
    existing = {e.participation_id: e for e in RankingEntry.objects.filter(sheet=sheet)}
    checked: dict[int, tuple[dict[str, int], str]] = {}
    problems: list[DomainError] = []
    for row in entries:
        paper = existing.get(row.participation_id)
        person = team.get(row.participation_id)
        if person is None or (paper is not None and paper.on_paper):
            raise DomainError(
                ErrorCode.NOT_ON_SHEET,
                {"employee": person.employee if person else "?", "period": period.code},
            )
        try:
            scores = checked_scores(row.scores, rules, complete=False)
        except DomainError as err:
            problems += _for_row(err, person)
            continue
        checked[row.participation_id] = (scores, row.comment.strip())
    raise_all(problems)  # every bad cell of the page at once; nothing is written
    before = {str(k): [e.scores, e.comment] for k, e in existing.items() if k in checked}
    new, changed = [], []
    for participation_id, (scores, comment) in checked.items():
        entry = existing.get(participation_id)
        if entry is None:
            new.append(RankingEntry(sheet=sheet, participation_id=participation_id,
                                    scores=scores, comment=comment))  # fmt: skip
        elif (entry.scores, entry.comment) != (scores, comment):
            entry.scores, entry.comment = scores, comment
            changed.append(entry)
    RankingEntry.objects.bulk_create(new)
    RankingEntry.objects.bulk_update(changed, ["scores", "comment"])
    after = {str(e.participation_id): [e.scores, e.comment] for e in [*new, *changed]}
    return _bump(sheet, actor, before=before, after=after)


def _bump(
    sheet: RankingSheet, actor: Actor, *, before: Mapping[str, Any], after: Mapping[str, Any]
) -> RankingSheet:
    save_changed(
        sheet,
        actor=actor,
        before=before,
        body_id=sheet.period.body_id,
        after=lambda saved: {**after, "state": saved.state, "version": saved.version},
    )
    return sheet


@transaction.atomic
def do_enter_paper_ranking(
    *,
    actor: Actor,
    participation_id: int,
    scores: Mapping[str, object],
    comment: str,
    scan: ScanFile | None,
    version: int,
) -> RankingEntry:
    """R-METHODS (004 p3): HR enters the scores of a signed paper sheet, with its scan.

    Every parameter must be scored and a scan attached (or kept from an earlier entry);
    the scan is a PDF, JPEG or PNG by its content, at most MAX_SCAN_MB.
    """
    participation = Participation.objects.select_related("period", "employee").get(
        pk=participation_id
    )
    period = participation.period
    _, rules = ranking_rules(period)
    evaluator_id = participation.evaluator_id
    team = {p.pk for p in team_participations(period.pk, evaluator_id)} if evaluator_id else set()
    if participation.pk not in team or evaluator_id is None:
        raise DomainError(
            ErrorCode.NOT_ON_SHEET, {"employee": participation.employee, "period": period.code}
        )
    sheet = _locked_sheet(period, evaluator_id, version)
    checked = checked_scores(scores, rules, complete=True)
    extension = check_scan(scan) if scan is not None else ""
    entry = RankingEntry.objects.filter(participation=participation).first()
    if scan is None and (entry is None or not entry.scan):
        raise DomainError(ErrorCode.SCAN_MISSING, {"employee": participation.employee})
    before = _entry_snapshot(entry) if entry is not None else {}
    if entry is None:
        entry = RankingEntry(sheet=sheet, participation=participation)
    entry.scores, entry.comment, entry.on_paper = checked, comment.strip(), True
    if scan is not None:
        name = f"ranking-{participation.pk}-{uuid.uuid4().hex}.{extension}"
        entry.scan.save(name, ContentFile(scan.content), save=False)
    entry.save()
    _bump(sheet, actor, before={"entry": before}, after={"entry": _entry_snapshot(entry)})
    return entry


def _entry_snapshot(entry: RankingEntry) -> dict[str, Any]:
    return snapshot(entry, exclude=["scan"]) | {"scan": entry.scan.name or ""}


def _sheet_for_move(sheet_id: int, version: int) -> RankingSheet:
    rows = RankingSheet.objects.select_related("period")
    return lock_in_open_period(rows, sheet_id, version, period="period_id")


@transaction.atomic
def do_submit_ranking_sheet(*, actor: Actor, sheet_id: int, version: int) -> RankingSheet:
    """Submit the team page: every person on it fully scored; their quarter results are
    computed by the domain (R-RANK, R-BANDS) and written as submitted."""
    sheet = _sheet_for_move(sheet_id, version)
    transition(WorkflowKind.SHEET, sheet.state, SheetState.SUBMITTED)
    pack, rules = ranking_rules(sheet.period)
    team = team_participations(sheet.period_id, sheet.evaluator_id)
    if not team:
        raise DomainError(ErrorCode.NO_SCORES, {"period": sheet.period.code})
    entries = {e.participation_id: e for e in RankingEntry.objects.filter(sheet=sheet)}
    problems: list[DomainError] = []
    for person in team:
        entry = entries.get(person.pk)
        try:
            checked_scores(entry.scores if entry else {}, rules, complete=True)
        except DomainError as err:
            problems += _for_row(err, person)
    raise_all(problems)  # everyone not fully scored is named at once
    body_id = sheet.period.body_id
    write_ranking_results(
        actor=actor, pack=pack, entries=[entries[p.pk] for p in team], body_id=body_id
    )
    before = {"state": sheet.state}
    sheet.state = SheetState.SUBMITTED
    sheet.submitted_at = clock.now()
    _bump(sheet, actor, before=before, after={})
    _hand_over(actor, sheet, [p.pk for p in team])
    return sheet


@transaction.atomic
def do_review_ranking_sheet(
    *, actor: Actor, sheet_id: int, to_state: str, version: int, reason: str = ""
) -> RankingSheet:
    """The submitted sheet is approved, or returned for correction with a reason
    (001 p52-54); its results follow it and are final only when approved."""
    sheet = _sheet_for_move(sheet_id, version)
    transition(WorkflowKind.SHEET, sheet.state, to_state)
    before = {"state": sheet.state}
    sheet.state = to_state
    if to_state == SheetState.APPROVED:
        sheet.approved_by = user_of(actor)
        sheet.approved_at = clock.now()
    else:
        sheet.return_reason = reason.strip()
    ids = list(RankingEntry.objects.filter(sheet=sheet).values_list("participation_id", flat=True))
    move_ranking_results(
        actor=actor, participation_ids=ids, to_state=to_state, body_id=sheet.period.body_id
    )
    _bump(sheet, actor, before=before, after={"return_reason": sheet.return_reason})
    _hand_over(actor, sheet, ids)
    return sheet


def _hand_over(actor: Actor, sheet: RankingSheet, participation_ids: list[int]) -> None:
    """Whoever owes the team's next step is told: the appointing official for a sheet
    submitted, the evaluator for one returned, each person for a result approved."""
    announce_hand_over(
        period_id=sheet.period_id,
        participation_ids=participation_ids,
        occasion=f"sheet{sheet.pk}v{sheet.version}",
        actor=actor,
    )
