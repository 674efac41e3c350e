"""The start page's worklist: every step a person owes now or soon, overdue first.

A step is owed by whoever ``owners.StepOwners`` names, the same resolution the
reminders and the hand-over notices use. The steps a person owes as evaluator,
superior manager or employee are listed one by one (a team's sheet once); those HR or
the appointing official owe through their role are counted per body and period, with
the period's dashboard. Only open periods that have started produce work. A fixed
number of queries whatever the number of people (R-SCALE).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bagalau.access import UserLike
from bagalau.accounts.models import Role, RoleAssignment
from bagalau.core.labels import cite_text, name_lang
from bagalau.cycles.models import EvaluationPeriod, PeriodStatus, Result
from bagalau.cycles.periods.selectors import started_by
from bagalau.domain.calendar import format_date
from bagalau.domain.progress import Owner, Status
from bagalau.notify.owners import ROLE_OWNERS, TEAM_STEPS, StepOwners, step_url, subject_of
from bagalau.notify.selectors import ProgressRow, progress_rows
from bagalau.notify.texts import OWNER_LABELS, STATUS_LABELS, STEP_LABELS, ui_lang
from bagalau.orgs.models import Assignment
from bagalau.orgs.selectors import active_on

SOON_DAYS = 3  # working days before a deadline counted as "due soon", as the reminders
_RANK = {Status.OVERDUE: 0, Status.DUE_SOON: 1, Status.PENDING: 2}
_BODY_ROLES = (Role.HR, Role.APPOINTING_OFFICIAL)


@dataclass(frozen=True)
class WorkItem:
    """One step owed: what, on whom, by when and by which paragraph, and where."""

    step: str
    who: str
    period: str
    body: str
    due: str
    rule: str
    cite: str
    status: str
    status_label: str
    overdue_days: int
    url: str
    count: int = 1


@dataclass
class BodyWork:
    """The steps a body's HR or appointing official owes in one period, counted."""

    body: str
    period: str
    role: str
    dashboard_url: str
    steps: list[WorkItem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(s.count for s in self.steps)

    @property
    def overdue(self) -> int:
        return sum(s.count for s in self.steps if s.status == Status.OVERDUE)


@dataclass
class Worklist:
    items: list[WorkItem] = field(default_factory=list)
    bodies: list[BodyWork] = field(default_factory=list)
    roles: frozenset[str] = frozenset()

    @property
    def count(self) -> int:
        return sum(i.count for i in self.items) + sum(b.total for b in self.bodies)

    @property
    def only_commission(self) -> bool:
        """The user's only role is commission/calibration member and nothing is owed."""
        return self.roles == {Role.COMMISSION_MEMBER} and not self.count


def worklist(user: UserLike, *, today: date) -> Worklist:
    """What ``user`` owes on ``today``: ten queries or so, whatever the body's size."""
    uid = getattr(user, "pk", None)
    if uid is None or not user.is_authenticated:
        return Worklist()
    roles = set(RoleAssignment.objects.filter(user_id=uid).values_list("role", "body_id"))
    role_bodies = {body for role, body in roles if role in _BODY_ROLES}
    periods = _periods(uid, role_bodies, today)
    lang = name_lang()
    rows = progress_rows(
        periods, today=today, soon=SOON_DAYS, lang=lang, only=_mine(uid, role_bodies, today)
    )
    owed = [r for r in rows if r.progress.status is not Status.DONE]
    owners = StepOwners(owed, periods)
    mine = [r for r in owed if uid in owners.of(r)]
    found = Worklist(roles=frozenset(role for role, _body in roles))
    personal = [r for r in mine if r.progress.owner not in ROLE_OWNERS]
    found.items = sorted(_items(personal, lang, uid), key=_order)
    found.bodies = _bodies([r for r in mine if r.progress.owner in ROLE_OWNERS], lang)
    return found


def _periods(uid: int, role_bodies: set[int], today: date) -> list[EvaluationPeriod]:
    """Open, started periods of the bodies the user works in or holds a body role in, and
    closed ones whose approved results still await familiarization (004 p11: it comes
    after the results are final)."""
    works_in = Assignment.objects.filter(active_on(today), employee__user_id=uid).values(
        "position__body_id"
    )
    unfamiliarized = Result.objects.filter(state="approved", familiarization__isnull=True).values(
        "participation__period_id"
    )
    return list(
        EvaluationPeriod.objects.filter(
            (Q(status=PeriodStatus.OPEN) & started_by(today))
            | Q(status=PeriodStatus.CLOSED, pk__in=unfamiliarized)
        )
        .filter(Q(body_id__in=role_bodies) | Q(body_id__in=works_in))
        .select_related("body")
        .order_by("body_id", "-year", "-quarter")
    )


def _mine(uid: int, role_bodies: set[int], today: date) -> Q:
    """The participations the user may owe a step on: all of their role bodies; else
    their own, those they evaluate, and those whose evaluator reports to them."""
    held = Assignment.objects.filter(active_on(today), employee__user_id=uid).values("position_id")
    below = Assignment.objects.filter(active_on(today), position__reports_to__in=held).values(
        "employee_id"
    )
    return (
        Q(period__body_id__in=role_bodies)
        | Q(employee__user_id=uid)
        | Q(evaluator__user_id=uid)
        | Q(evaluator_id__in=below)
    )


def _items(rows: Iterable[ProgressRow], lang: str, uid: int) -> list[WorkItem]:
    """One item per person's step; a team's sheet once, the evaluator's own as "my team"."""
    found: dict[str, WorkItem] = {}
    for row in rows:
        if (key := subject_of(row)) in found:
            continue
        item = _item(row, lang)
        evaluator = row.participation.evaluator
        if row.progress.step in TEAM_STEPS and evaluator and evaluator.user_id == uid:
            item = WorkItem(**{**item.__dict__, "who": _("my team")})
        found[key] = item
    return list(found.values())


def _item(row: ProgressRow, lang: str, count: int = 1) -> WorkItem:
    found, part = row.progress, row.participation
    deadline = found.deadline
    if found.step not in TEAM_STEPS:
        who = part.employee.full_name(lang)
    elif part.evaluator is not None:
        who = _("team of %(name)s") % {"name": part.evaluator.full_name(lang)}
    else:
        who = ""
    return WorkItem(
        step=str(STEP_LABELS[found.step]),
        who=who,
        period=part.period.code,
        body=part.period.body.name(lang),
        due=format_date(deadline.due) if deadline else "",
        rule=deadline.name.get(ui_lang()) if deadline else "",
        cite=cite_text(deadline.cite) if deadline else "",
        status=found.status.value,
        status_label=str(STATUS_LABELS[found.status]),
        overdue_days=found.overdue_days,
        url=step_url(row),
        count=count,
    )


def _order(item: WorkItem) -> tuple[int, str, str, str]:
    # dd.mm.yyyy does not sort; the reversed parts do, and no date sorts last.
    due = ".".join(reversed(item.due.split("."))) if item.due else "9999"
    return (_RANK.get(Status(item.status), 3), due, item.period, item.who)


def _urgency(row: ProgressRow) -> tuple[int, date]:
    return (_RANK[row.progress.status], row.progress.due or date.max)


def _bodies(rows: list[ProgressRow], lang: str) -> list[BodyWork]:
    """Per period and owning role: each step once, counted by what it is taken on."""
    groups: dict[tuple[int, Owner], dict[str, list[ProgressRow]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for row in rows:
        owner = row.progress.owner
        assert owner is not None  # an owed step always has an owner
        groups[(row.participation.period_id, owner)][row.progress.step.value].append(row)
    found = []
    for (_period_id, owner), by_step in groups.items():
        first = next(iter(by_step.values()))[0].participation.period
        dashboard = reverse("notify:dashboard", args=[first.body.code, first.code])
        work = BodyWork(first.body.name(lang), first.code, str(OWNER_LABELS[owner]), dashboard)
        for step, step_rows in by_step.items():
            work.steps.append(_body_step(step_rows, dashboard, step, owner, lang))
        work.steps.sort(key=_order)
        found.append(work)
    return sorted(found, key=lambda b: (-b.overdue, b.body, b.period))


def _body_step(
    rows: list[ProgressRow], dashboard: str, step: str, owner: Owner, lang: str
) -> WorkItem:
    """The step's worst status and earliest deadline; one subject links straight to it,
    several to the dashboard filtered on the step."""
    subjects = {subject_of(r): r for r in rows}
    rows = sorted(subjects.values(), key=_urgency)
    item = _item(rows[0], lang, count=len(rows))
    if len(rows) == 1:
        return item
    query = urlencode({"step": step, "owner": owner.value})
    if rows[0].progress.step in TEAM_STEPS:
        who = ngettext("%(count)d sheet", "%(count)d sheets", len(rows)) % {"count": len(rows)}
    else:
        who = ngettext("%(count)d person", "%(count)d people", len(rows)) % {"count": len(rows)}
    return WorkItem(**{**item.__dict__, "who": who, "url": f"{dashboard}?{query}"})
