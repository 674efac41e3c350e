"""HR edits: each is audited with before/after; a refused one changes nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from bagalau.audit.models import AuditAction, AuditRecord
from bagalau.orgs import services
from bagalau.orgs.models import AbsenceKind, Assignment, AssignmentKind, Dismissal, Employee
from bagalau.orgs.services import EmployeeData
from tests.orgs.test_pages import build_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor() -> User:
    return User.objects.create_user("hr-officer")


def data_of(employee: Employee) -> EmployeeData:
    return EmployeeData(**{k: getattr(employee, k) for k in EmployeeData.__dataclass_fields__})


def test_update_employee_records_before_and_after(actor: User) -> None:
    unit = build_unit()
    worker = unit.staff[0]
    services.do_update_employee(
        actor=actor, employee=worker, data=replace(data_of(worker), email=" new@example.kz ")
    )
    worker.refresh_from_db()
    assert worker.email == "new@example.kz"
    record = AuditRecord.objects.get()
    assert record.action == AuditAction.UPDATE
    assert record.actor_name == "hr-officer"
    assert record.before is not None and record.after is not None
    assert record.before["email"] == "p3@example.kz"
    assert record.after["email"] == "new@example.kz"
    assert "user" not in record.after and "user_id" not in record.after


def test_an_unchanged_save_writes_no_record(actor: User) -> None:
    unit = build_unit()
    services.do_update_employee(actor=actor, employee=unit.head, data=data_of(unit.head))
    assert not AuditRecord.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("iin", "12345", "The IIN must be exactly 12 digits."),
        ("iin", "851301300017", "The first six digits of the IIN must be a date of birth"),
        ("last_name_ru", " ", "Fill in the surname and the name in Kazakh and in Russian."),
        ("email", "not-an-address", "Enter a valid e-mail address"),
        ("phone", "12-34", "Write the phone number with 10 to 15 digits"),
    ],
)
def test_refused_update_changes_nothing(actor: User, field: str, value: str, message: str) -> None:
    unit = build_unit()
    worker = unit.staff[0]
    before = Employee.objects.filter(pk=worker.pk).values().get()
    with pytest.raises(ValidationError) as refused:
        services.do_update_employee(
            actor=actor,
            employee=worker,
            data=replace(data_of(worker), **{field: value, "first_name_kk": "Басқа"}),
        )
    assert message in refused.value.message_dict[field][0]
    assert Employee.objects.filter(pk=worker.pk).values().get() == before
    assert not AuditRecord.objects.exists()


def test_an_iin_of_another_employee_is_refused(actor: User) -> None:
    unit = build_unit()
    with pytest.raises(ValidationError) as refused:
        services.do_update_employee(
            actor=actor,
            employee=unit.staff[0],
            data=replace(data_of(unit.staff[0]), iin=unit.head.iin),
        )
    assert "Another employee already has the IIN" in refused.value.message_dict["iin"][0]


def test_absence_is_added_and_an_overlapping_one_refused(actor: User) -> None:
    unit = build_unit()
    worker = unit.staff[0]
    services.do_add_absence(
        actor=actor,
        employee=worker,
        kind=AbsenceKind.LABOUR_LEAVE,
        start=date(2025, 7, 1),
        end=date(2025, 7, 21),
    )
    record = AuditRecord.objects.get()
    assert (record.action, record.object_type, record.before) == (
        AuditAction.CREATE,
        "orgs.absence",
        None,
    )
    assert record.after is not None
    assert (record.after["kind"], record.after["start"]) == ("labour_leave", "2025-07-01")
    with pytest.raises(ValidationError) as refused:
        services.do_add_absence(
            actor=actor,
            employee=worker,
            kind=AbsenceKind.SICK_LEAVE,
            start=date(2025, 7, 20),
            end=date(2025, 7, 25),
        )
    assert "overlaps another one: labour leave, 01.07.2025 – 21.07.2025" in str(
        refused.value.message_dict["start"][0]
    )
    with pytest.raises(ValidationError):
        services.do_add_absence(
            actor=actor,
            employee=worker,
            kind=AbsenceKind.SICK_LEAVE,
            start=date(2025, 9, 5),
            end=date(2025, 9, 1),
        )
    assert worker.absences.count() == 1
    assert AuditRecord.objects.count() == 1


def test_dismissal_ends_the_open_assignments_with_records(actor: User) -> None:
    unit = build_unit()
    acting = unit.acting  # a main post and an acting one, both end on the day
    services.do_record_dismissal(
        actor=actor, employee=acting, body=unit.body, day=date(2025, 5, 30), basis="own wish"
    )
    assert set(acting.assignments.values_list("end", flat=True)) == {date(2025, 5, 30)}
    records = AuditRecord.objects.order_by("id")
    assert [r.object_type for r in records] == [
        "orgs.dismissal",
        "orgs.assignment",
        "orgs.assignment",
    ]
    assert [r.before["end"] for r in records[1:] if r.before] == [None, None]
    assert {r.body_id for r in records} == {unit.body.pk}


def test_dismissal_of_someone_not_working_then_is_refused(actor: User) -> None:
    unit = build_unit()
    with pytest.raises(ValidationError) as refused:
        services.do_record_dismissal(
            actor=actor, employee=unit.staff[0], body=unit.body, day=date(2019, 5, 30)
        )
    assert "does not work in this body on 30.05.2019" in refused.value.message_dict["day"][0]
    assert not Dismissal.objects.exists()
    assert not AuditRecord.objects.exists()
    assert unit.staff[0].assignments.get().end is None


def test_a_second_main_holder_is_refused_but_acting_is_allowed(actor: User) -> None:
    unit = build_unit()
    post = unit.staff_positions[0]
    with pytest.raises(ValidationError) as refused:
        services.do_add_assignment(
            actor=actor,
            employee=unit.head,
            position=post,
            kind=AssignmentKind.MAIN,
            start=date(2025, 1, 1),
        )
    assert "already holds the main position" in refused.value.message_dict["start"][0]
    newcomer = Employee.objects.create(
        iin="000101500019",
        last_name_kk="Жаңа",
        first_name_kk="Адам",
        last_name_ru="Новый",
        first_name_ru="Человек",
    )
    with pytest.raises(ValidationError) as taken:
        services.do_add_assignment(
            actor=actor,
            employee=newcomer,
            position=post,
            kind=AssignmentKind.MAIN,
            start=date(2025, 1, 1),
        )
    assert "already has a main holder" in taken.value.message_dict["position"][0]
    assert not AuditRecord.objects.exists()
    acting = services.do_add_assignment(
        actor=actor,
        employee=newcomer,
        position=post,
        kind=AssignmentKind.ACTING,
        start=date(2025, 1, 1),
        end=date(2025, 2, 1),
    )
    assert AuditRecord.objects.get().object_id == str(acting.pk)


def test_end_assignment_before_its_start_is_refused(actor: User) -> None:
    unit = build_unit()
    row = Assignment.objects.get(employee=unit.staff[0])
    with pytest.raises(ValidationError):
        services.do_end_assignment(actor=actor, assignment=row, end=date(2019, 12, 31))
    services.do_end_assignment(actor=actor, assignment=row, end=date(2025, 12, 31))
    row.refresh_from_db()
    assert row.end == date(2025, 12, 31)
    record = AuditRecord.objects.get()
    assert record.before is not None and record.after is not None
    assert (record.before["end"], record.after["end"]) == (None, "2025-12-31")
