"""Changes to people data, one function per HR action; each is atomic and audited.

Every function validates its input first (the IIN through ``bagalau.domain.people``)
and raises ``ValidationError`` with a translated message per field, so that nothing is
written when anything is wrong; then it writes the change and an audit record with
the values before and after, in the same transaction.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from bagalau.audit.models import AuditAction
from bagalau.audit.services import record_change, snapshot
from bagalau.domain.calendar import format_date
from bagalau.domain.errors import DomainError
from bagalau.domain.people import parse_iin
from bagalau.orgs.models import (
    Absence,
    AbsenceKind,
    Assignment,
    AssignmentKind,
    Dismissal,
    Employee,
    Position,
    StateBody,
)

Actor = AbstractBaseUser | AnonymousUser
_PHONE = re.compile(r"^\+?[0-9 ()\-]{10,20}$")
_REQUIRED_NAMES = ("last_name_kk", "first_name_kk", "last_name_ru", "first_name_ru")


@dataclass(frozen=True)
class EmployeeData:
    """The fields HR edits on an employee (names kk/ru, IIN, contacts)."""

    iin: str
    last_name_kk: str
    first_name_kk: str
    middle_name_kk: str
    last_name_ru: str
    first_name_ru: str
    middle_name_ru: str
    email: str
    phone: str


def _iin_error(value: str) -> str | None:
    try:
        parse_iin(value)
    except DomainError as err:
        reason = err.params.get("reason")
        if reason == "format":
            return _("The IIN must be exactly 12 digits.")
        if reason == "date":
            return _("The first six digits of the IIN must be a date of birth (yymmdd).")
        return _("The IIN %(value)s has a wrong check digit. Check the number.") % {"value": value}
    return None


def _iin_taken(iin: str, employee_id: int | None) -> bool:
    others = Employee.objects.filter(iin=iin)
    if employee_id is not None:
        others = others.exclude(pk=employee_id)
    return others.exists()


def check_employee_data(data: EmployeeData, *, employee_id: int | None) -> dict[str, str]:
    """Field -> what is wrong, for every field that is wrong (empty when all is well)."""
    errors: dict[str, str] = {}
    iin_problem = _iin_error(data.iin)
    if iin_problem:
        errors["iin"] = iin_problem
    elif _iin_taken(data.iin.strip(), employee_id):
        errors["iin"] = _("Another employee already has the IIN %(value)s.") % {"value": data.iin}
    for name in _REQUIRED_NAMES:
        if not getattr(data, name).strip():
            errors[name] = _("Fill in the surname and the name in Kazakh and in Russian.")
    if data.email.strip():
        try:
            validate_email(data.email.strip())
        except ValidationError:
            errors["email"] = _("Enter a valid e-mail address, for example name@example.kz.")
    phone = data.phone.strip()
    if phone and (not _PHONE.match(phone) or not 10 <= sum(c.isdigit() for c in phone) <= 15):
        errors["phone"] = _(
            "Write the phone number with 10 to 15 digits, for example +7 701 234 56 78."
        )
    return errors


def _latest_body_id(employee: Employee) -> int | None:
    row = employee.assignments.order_by("-start", "-pk").values_list("position__body_id").first()
    return row[0] if row else None


@transaction.atomic
def do_update_employee(*, actor: Actor, employee: Employee, data: EmployeeData) -> Employee:
    """Change an employee's IIN, names or contacts (HR)."""
    errors = check_employee_data(data, employee_id=employee.pk)
    if errors:
        raise ValidationError(errors)
    locked = Employee.objects.select_for_update().get(pk=employee.pk)
    before = snapshot(locked, exclude=["user"])
    for name, value in asdict(data).items():
        setattr(locked, name, value.strip())
    after = snapshot(locked, exclude=["user"])
    if after != before:
        locked.save()
        record_change(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            before=before,
            after=after,
            body_id=_latest_body_id(locked),
        )
    return locked


def _check_period(start: date, end: date | None) -> None:
    if end is not None and end < start:
        raise ValidationError(
            {
                "end": _("The end date %(end)s is before the start date %(start)s.")
                % {"end": format_date(end), "start": format_date(start)}
            }
        )


def _overlapping(start: date, end: date | None) -> Q:
    condition = Q(end__isnull=True) | Q(end__gte=start)
    return condition if end is None else condition & Q(start__lte=end)


@transaction.atomic
def do_add_absence(
    *, actor: Actor, employee: Employee, kind: AbsenceKind, start: date, end: date
) -> Absence:
    """Record leave, sick leave, a business trip... (R-ELIGIBLE, 004 p5)."""
    _check_period(start, end)
    Employee.objects.select_for_update().filter(pk=employee.pk).first()
    clash = employee.absences.filter(_overlapping(start, end)).first()
    if clash is not None:
        raise ValidationError(
            {
                "start": _("The absence overlaps another one: %(kind)s, %(start)s – %(end)s.")
                % {
                    "kind": clash.get_kind_display(),
                    "start": format_date(clash.start),
                    "end": format_date(clash.end),
                }
            }
        )
    absence = Absence.objects.create(employee=employee, kind=kind, start=start, end=end)
    record_change(
        actor=actor,
        action=AuditAction.CREATE,
        obj=absence,
        after=snapshot(absence),
        body_id=_latest_body_id(employee),
    )
    return absence


@transaction.atomic
def do_record_dismissal(
    *, actor: Actor, employee: Employee, body: StateBody, day: date, basis: str = ""
) -> Dismissal:
    """Dismiss from ``body`` on ``day`` (R-DISMISSED, 004 p6): open assignments end that day."""
    Employee.objects.select_for_update().filter(pk=employee.pk).first()
    active = list(
        Assignment.objects.select_for_update().filter(
            Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day)),
            employee=employee,
            position__body=body,
        )
    )
    if not active:
        raise ValidationError(
            {
                "day": _("%(name)s does not work in this body on %(date)s.")
                % {"name": employee.full_name("ru"), "date": format_date(day)}
            }
        )
    if Dismissal.objects.filter(employee=employee, body=body, date=day).exists():
        raise ValidationError(
            {
                "day": _("This dismissal on %(date)s is already recorded.")
                % {"date": format_date(day)}
            }
        )
    dismissal = Dismissal.objects.create(
        employee=employee, body=body, date=day, basis=basis.strip()
    )
    record_change(
        actor=actor,
        action=AuditAction.CREATE,
        obj=dismissal,
        after=snapshot(dismissal),
        body_id=body.pk,
    )
    for assignment in active:
        _set_end(actor=actor, assignment=assignment, end=day, body_id=body.pk)
    return dismissal


def _set_end(*, actor: Actor, assignment: Assignment, end: date, body_id: int) -> None:
    before = snapshot(assignment)
    assignment.end = end
    assignment.save(update_fields=["end"])
    record_change(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=assignment,
        before=before,
        after=snapshot(assignment),
        body_id=body_id,
    )


def _main_clash(
    *, employee: Employee, position: Position, start: date, end: date | None
) -> dict[str, str]:
    mains = Assignment.objects.filter(_overlapping(start, end), kind=AssignmentKind.MAIN)
    own = mains.filter(employee=employee).select_related("position").first()
    if own is not None:
        return {
            "start": _(
                "%(name)s already holds the main position “%(position)s” from %(start)s. "
                "End that assignment first."
            )
            % {
                "name": employee.full_name("ru"),
                "position": own.position.title_ru,
                "start": format_date(own.start),
            }
        }
    taken = mains.filter(position=position).select_related("employee").first()
    if taken is not None:
        return {
            "position": _(
                "The position already has a main holder, %(name)s, from %(start)s. End that "
                "assignment first, or appoint as acting."
            )
            % {"name": taken.employee.full_name("ru"), "start": format_date(taken.start)}
        }
    return {}


@transaction.atomic
def do_add_assignment(
    *,
    actor: Actor,
    employee: Employee,
    position: Position,
    kind: AssignmentKind,
    start: date,
    end: date | None = None,
) -> Assignment:
    """Appoint to a position (main, acting or combined duties) from ``start``."""
    _check_period(start, end)
    # By pk: the default ordering joins departments, and PostgreSQL refuses FOR UPDATE
    # on the nullable side of an outer join.
    Position.objects.select_for_update().filter(pk=position.pk).order_by("pk").first()
    if kind == AssignmentKind.MAIN:
        clash = _main_clash(employee=employee, position=position, start=start, end=end)
        if clash:
            raise ValidationError(clash)
    assignment = Assignment.objects.create(
        employee=employee, position=position, kind=kind, start=start, end=end
    )
    record_change(
        actor=actor,
        action=AuditAction.CREATE,
        obj=assignment,
        after=snapshot(assignment),
        body_id=position.body_id,
    )
    return assignment


@transaction.atomic
def do_end_assignment(*, actor: Actor, assignment: Assignment, end: date) -> Assignment:
    """End an assignment on ``end`` (inclusive), e.g. a transfer or the end of acting."""
    locked = Assignment.objects.select_for_update().select_related("position").get(pk=assignment.pk)
    _check_period(locked.start, end)
    _set_end(actor=actor, assignment=locked, end=end, body_id=locked.position.body_id)
    return locked
