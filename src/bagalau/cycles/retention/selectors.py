"""Which periods' documents are past their retention period (R-RETAIN, 004 p14), which
come due soon, and which cannot be decided.

The completion of a period's evaluation ("бағалау аяқталған күн") is the local day the
period was closed (``closed_at`` in the site's time zone, ``clock.local_day``). Each
result is final on the day it is approved, which is the completion familiarization is
counted from (004 p11, ``familiarization.services.completed_on``); the close comes
after every sheet of the period is approved and writes the last results, so the close
is the day the whole evaluation was complete. Counting the period's retention from it
keeps every document at least as long as its own completion asks. A period not closed
(open, being closed) is not complete and is never due. The days are read from the
stored moment, never from the machine's clock, and "today" is ``clock.today()``.

The pack that governs the period (``pack_id``, fixed at opening) says how many years:
its documents were made under it. A pack without ``retention_years`` leaves the period
undecided (``RETENTION_NOT_SET``): it is listed and never removed. A period past its
retention is still held, and listed as such, while the number of years is marked
unverified in the pack, or while it is a quarter of a year whose period is not closed
yet (the year's result is the mean of its quarters, read at the year's close). The
plans drawn up for a year go with the last of the year's periods (``year_takers``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from bagalau.core import clock
from bagalau.cycles.models import EvaluationPeriod, PeriodStatus
from bagalau.cycles.retention.documents import count_documents
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.retention import Held, Retention, held_back, retention_of
from bagalau.orgs.models import StateBody
from bagalau.packs import registry

SOON_DAYS = 30


@dataclass(frozen=True)
class PeriodRetention:
    """One closed period: completed on ``completed``; ``retention`` as the pack gives
    it, or ``refusal`` when the pack gives none; its documents counted by kind."""

    period: EvaluationPeriod
    completed: date
    retention: Retention | None
    refusal: DomainError | None = None
    held: Held | None = None
    documents: Counter[str] = field(default_factory=Counter)


@dataclass
class RetentionOverview:
    """``past``: may be removed now; ``held``: past but kept, with the reason;
    ``soon``: kept, their last day within ``soon_days``; ``undecided``: no rule."""

    today: date
    soon_days: int
    past: list[PeriodRetention] = field(default_factory=list)
    held: list[PeriodRetention] = field(default_factory=list)
    soon: list[PeriodRetention] = field(default_factory=list)
    undecided: list[PeriodRetention] = field(default_factory=list)


def completed_on(period: EvaluationPeriod) -> date | None:
    """The day the period's evaluation was completed: the local day it was closed."""
    if period.status != PeriodStatus.CLOSED or period.closed_at is None:
        return None
    return clock.local_day(period.closed_at)


def closed_periods(body_code: str | None = None) -> list[EvaluationPeriod]:
    """Closed periods whose documents are still there, of one body or of all; an
    unknown body is refused (UNKNOWN_BODY)."""
    rows = EvaluationPeriod.objects.filter(
        status=PeriodStatus.CLOSED, closed_at__isnull=False, documents_removed_at__isnull=True
    ).select_related("body")
    if body_code is not None:
        if not StateBody.objects.filter(code=body_code).exists():
            raise DomainError(ErrorCode.UNKNOWN_BODY, {"body": body_code})
        rows = rows.filter(body__code=body_code)
    return list(rows.order_by("body__code", "year", "quarter"))


def period_retention(period: EvaluationPeriod) -> PeriodRetention:
    """The retention of one closed period, or the refusal of its pack."""
    completed = completed_on(period)
    assert completed is not None  # closed_periods reads closed periods only
    try:
        pack = registry().pack(period.pack_id)
        return PeriodRetention(period, completed, retention_of(completed, pack))
    except DomainError as err:
        return PeriodRetention(period, completed, None, refusal=err)


def retention_overview(
    *, today: date, body_code: str | None = None, soon_days: int = SOON_DAYS
) -> RetentionOverview:
    """Every closed period with its documents, sorted into past, held, soon and
    undecided; a constant number of queries whatever the number of periods."""
    overview = RetentionOverview(today=today, soon_days=soon_days)
    periods = closed_periods(body_code)
    open_years = _open_years(periods)
    horizon = today + timedelta(days=soon_days)
    found: list[PeriodRetention] = []
    for period in periods:
        item = period_retention(period)
        if item.retention is None:
            found.append(item)
        elif item.retention.is_past(today):
            found.append(_with_hold(item, open_years))
        elif item.retention.ends <= horizon:
            found.append(item)
    going = {i.period.pk for i in found if i.retention is not None and i.held is None}
    counts = count_documents([item.period.pk for item in found], year_takers(found, going))
    for item in found:
        item.documents.update(counts.get(item.period.pk, Counter()))
        _sort_into(overview, item, today)
    return overview


def past_retention(*, today: date, body_code: str | None = None) -> list[PeriodRetention]:
    """The periods whose documents may be removed on ``today``."""
    return retention_overview(today=today, body_code=body_code, soon_days=0).past


def _sort_into(overview: RetentionOverview, item: PeriodRetention, today: date) -> None:
    if item.retention is None:
        overview.undecided.append(item)
    elif not item.retention.is_past(today):
        overview.soon.append(item)
    elif item.held is not None:
        overview.held.append(item)
    else:
        overview.past.append(item)


def _with_hold(item: PeriodRetention, open_years: set[tuple[int, int]]) -> PeriodRetention:
    assert item.retention is not None
    period = item.period
    open_year = bool(period.quarter) and (period.body_id, period.year) in open_years
    held = held_back(item.retention, quarter_of_open_year=open_year)
    return PeriodRetention(period, item.completed, item.retention, held=held)


def year_takers(items: list[PeriodRetention], going: set[int]) -> dict[tuple[int, int], int]:
    """For each (body, year) of ``items``: the period that takes the year's plans, the
    last of the year's periods still holding documents (the highest quarter: removals
    run in that order), when all of them are ``going``; one query."""
    keys = {(i.period.body_id, i.period.year) for i in items}
    rows = EvaluationPeriod.objects.filter(
        body_id__in={b for b, _y in keys},
        year__in={y for _b, y in keys},
        documents_removed_at__isnull=True,
    ).values_list("pk", "body_id", "year", "quarter")
    members: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for pk, body_id, year, quarter in rows:
        if (body_id, year) in keys:
            members[(body_id, year)].append((quarter, pk))
    return {
        key: max(found)[1]
        for key, found in members.items()
        if all(pk in going for _quarter, pk in found)
    }


def takes_the_year(period: EvaluationPeriod) -> bool:
    """Whether ``period`` is the last of its year's periods still holding documents, so
    that the plans drawn up for the year go with it."""
    return not (
        EvaluationPeriod.objects.filter(
            body_id=period.body_id, year=period.year, documents_removed_at__isnull=True
        )
        .exclude(pk=period.pk)
        .exists()
    )


def year_is_open(period: EvaluationPeriod) -> bool:
    """Whether ``period`` is a quarter whose year's period exists and is not closed."""
    return bool(period.quarter) and (
        EvaluationPeriod.objects.filter(body_id=period.body_id, year=period.year, quarter=0)
        .exclude(status=PeriodStatus.CLOSED)
        .exists()
    )


def _open_years(periods: list[EvaluationPeriod]) -> set[tuple[int, int]]:
    """(body, year) of the year periods not closed, for the quarters listed (one query)."""
    bodies = {p.body_id for p in periods if p.quarter}
    years = {p.year for p in periods if p.quarter}
    rows = EvaluationPeriod.objects.filter(body_id__in=bodies, year__in=years, quarter=0).exclude(
        status=PeriodStatus.CLOSED
    )
    return set(rows.values_list("body_id", "year"))
