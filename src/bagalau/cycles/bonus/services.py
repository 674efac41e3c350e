"""Bonus points (Almaty 2017, 002 p17-18): recorded per activity by the direct manager;
their total is kept apart from every score (DOMAIN.md §7)."""

from __future__ import annotations

from django.db import transaction

from bagalau.audit.models import AuditAction
from bagalau.audit.services import record_change, snapshot
from bagalau.cycles.common import Actor
from bagalau.cycles.editing import lock_open_period
from bagalau.cycles.models import BonusAward, Participation
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.methodology import BonusLevel, Pack
from bagalau.domain.scoring import bonus_total
from bagalau.orgs.models import Employee
from bagalau.packs import registry

EVIDENCE_MAX = 500


def bonus_levels(participation: Participation) -> tuple[Pack, tuple[BonusLevel, ...]]:
    pack = registry().pack(participation.period.pack_id)
    if pack.rules.bonus_points is None:
        raise DomainError(ErrorCode.RULE_NOT_IN_PACK, {"rule": "bonus_points"})
    return pack, pack.rules.bonus_points.value


@transaction.atomic
def do_award_bonus(
    *,
    actor: Actor,
    participation_id: int,
    points: int,
    activity: int,
    evidence: str,
    awarded_by: Employee,
) -> BonusAward:
    """Almaty 002 p18: the direct manager gives points for one activity of appendix 1-1.

    The points must be a level of the pack's scale and the activity one listed for that
    level (BONUS_LEVEL_UNKNOWN); a short evidence note is required (EVIDENCE_MISSING).
    """
    participation = Participation.objects.select_related("period").get(pk=participation_id)
    lock_open_period(participation.period_id)
    pack, levels = bonus_levels(participation)
    assert pack.rules.bonus_points is not None
    bonus_total([points], pack.rules.bonus_points)  # refuses a level not on the scale
    level = next(lv for lv in levels if lv.points == points)
    if not 0 <= activity < len(level.activities):
        raise DomainError(
            ErrorCode.BONUS_LEVEL_UNKNOWN,
            {
                "value": f"+{points}/{activity + 1}",
                "min": min(lv.points for lv in levels),
                "max": max(lv.points for lv in levels),
            },
            pack.rules.bonus_points.cite,
        )
    note = evidence.strip()
    if not note or len(note) > EVIDENCE_MAX:
        raise DomainError(ErrorCode.EVIDENCE_MISSING, {}, pack.rules.bonus_points.cite)
    award = BonusAward.objects.create(
        participation=participation,
        points=points,
        activity=activity,
        evidence=note,
        awarded_by=awarded_by,
    )
    record_change(
        actor=actor,
        action=AuditAction.CREATE,
        obj=award,
        after=snapshot(award),
        body_id=participation.period.body_id,
    )
    return award


@transaction.atomic
def do_withdraw_bonus(*, actor: Actor, participation_id: int, award_id: int) -> None:
    """Remove an award recorded by mistake; an award already removed is STALE_VERSION."""
    gone = DomainError(ErrorCode.STALE_VERSION, {"object": f"bonus award {award_id}"})
    rows = BonusAward.objects.filter(pk=award_id, participation_id=participation_id)
    period_id = rows.values_list("participation__period_id", flat=True).first()
    if period_id is None:
        raise gone
    lock_open_period(period_id)
    award = rows.select_for_update().select_related("participation__period").first()
    if award is None:  # withdrawn by someone else while this one waited for the lock
        raise gone
    record_change(
        actor=actor,
        action=AuditAction.DELETE,
        obj=award,
        before=snapshot(award),
        body_id=award.participation.period.body_id,
    )
    award.delete()
