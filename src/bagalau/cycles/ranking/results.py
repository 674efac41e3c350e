"""Results (нәтижелер) of the ranking method and bonus points: computed by the domain,
kept with their "why", final only through the sheet workflow.

A ranking result is written when its sheet is submitted and follows the sheet:
draft → submitted → (returned → submitted) → approved (``domain.workflow``, SHEET).
Bonus points (Almaty 2017, 002 p17-18) are recorded per activity by the direct
manager; their total is kept apart from every score (DOMAIN.md §7).
"""

from __future__ import annotations

from typing import Any, Protocol

from bagalau.audit.models import AuditAction
from bagalau.audit.services import build_record, record_many, snapshot
from bagalau.core import clock
from bagalau.cycles.common import Actor, user_of
from bagalau.cycles.models import RankingEntry, Result, SheetState
from bagalau.cycles.results.cites import cite_rows
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.methodology import Pack
from bagalau.domain.ranking import ranking_quarter_score
from bagalau.domain.scoring import band_for

RANKING = "ranking"


class EntryLike(Protocol):
    """What a result is computed from: a ranking entry, or its values read in bulk."""

    @property
    def scores(self) -> Any: ...
    @property
    def comment(self) -> str: ...
    @property
    def on_paper(self) -> bool: ...


def ranking_result_values(pack: Pack, entry: EntryLike) -> dict[str, Any]:
    """R-RANK (004 p31-32) and R-BANDS (004 p7): the quarter score of one entry, its band
    and the "why" (each parameter's score, the citations, the unverified values)."""
    rules = pack.rules.ranking
    if rules is None:
        raise DomainError(ErrorCode.RULE_NOT_IN_PACK, {"rule": RANKING})
    quarter = ranking_quarter_score(entry.scores, rules)
    cites, unverified = list(quarter.cites), list(quarter.unverified)
    band = ""
    if pack.rules.bands is not None:
        banded = band_for(quarter.score, pack.rules.bands)
        band = banded.band.code
        cites += [c for c in banded.cites if c not in cites]
        unverified += [u for u in banded.unverified if u not in unverified]
    return {
        "score": quarter.score,
        "band": band,
        "inputs": {
            "parameters": [{"code": code, "score": score} for code, score in quarter.by_parameter],
            "comment": entry.comment,
            "on_paper": entry.on_paper,
            "pack": pack.id,
        },
        "cites": cite_rows(tuple(cites)),
        "unverified": unverified,
    }


def write_ranking_results(
    *, actor: Actor, pack: Pack, entries: list[RankingEntry], body_id: int
) -> list[Result]:
    """Create or update the ranking result of each entry as submitted (set-based)."""
    existing = {
        r.participation_id: r
        for r in Result.objects.select_for_update().filter(
            participation_id__in=[e.participation_id for e in entries], method=RANKING
        )
    }
    now = clock.now()
    fields = ["score", "band", "inputs", "cites", "unverified", "state", "computed_at", "version"]
    new, changed, records = [], [], []
    for entry in entries:
        values = ranking_result_values(pack, entry) | {
            "state": SheetState.SUBMITTED,
            "computed_at": now,
        }
        result = existing.get(entry.participation_id)
        if result is None:
            result = Result(participation_id=entry.participation_id, method=RANKING, **values)
            new.append(result)
            continue
        before = snapshot(result)
        for name, value in values.items():
            setattr(result, name, value)
        result.version += 1
        changed.append(result)
        records.append(
            build_record(
                actor=actor, action=AuditAction.UPDATE, obj=result, before=before,
                after=snapshot(result), body_id=body_id,
            )
        )  # fmt: skip
    created = Result.objects.bulk_create(new)  # primary keys set on SQLite and PostgreSQL
    Result.objects.bulk_update(changed, fields)
    records += [
        build_record(
            actor=actor, action=AuditAction.CREATE, obj=r, after=snapshot(r), body_id=body_id
        )
        for r in created
    ]
    record_many(records)
    return [*changed, *created]


def move_ranking_results(
    *, actor: Actor, participation_ids: list[int], to_state: str, body_id: int
) -> int:
    """The results of a sheet follow it: returned or approved with the sheet."""
    results = list(
        Result.objects.select_for_update().filter(
            participation_id__in=participation_ids, method=RANKING
        )
    )
    approved = to_state == SheetState.APPROVED
    user = user_of(actor)
    records = []
    for result in results:
        before = snapshot(result)
        result.state = to_state
        result.approved_by = user if approved else None
        result.approved_at = clock.now() if approved else None
        result.version += 1
        records.append(
            build_record(
                actor=actor, action=AuditAction.UPDATE, obj=result, before=before,
                after=snapshot(result), body_id=body_id,
            )
        )  # fmt: skip
    Result.objects.bulk_update(results, ["state", "approved_by", "approved_at", "version"])
    record_many(records)
    return len(results)


# --- bonus points (Almaty 2017) -------------------------------------------------
