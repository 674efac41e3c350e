"""Organization pages: bodies, structure, staff list, employee file and the HR edit forms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from bagalau.accounts.models import Role, RoleAssignment
from bagalau.audit.models import AuditRecord
from bagalau.domain.people import with_check_digit
from bagalau.orgs.models import (
    Assignment,
    AssignmentKind,
    BodyKind,
    Department,
    Employee,
    Position,
    StateBody,
)

pytestmark = pytest.mark.django_db

START = date(2020, 1, 1)


def iin(n: int) -> str:
    for serial in range(n * 3, n * 3 + 3):
        found = with_check_digit(f"8501013{serial:04d}")
        if found:
            return found
    raise AssertionError(n)


def person(n: int, surname_kk: str = "", surname_ru: str = "") -> Employee:
    return Employee.objects.create(
        iin=iin(n),
        last_name_kk=surname_kk or f"Сәрсенбаев{n}",
        first_name_kk="Ерлан",
        last_name_ru=surname_ru or f"Сарсенбаев{n}",
        first_name_ru="Ерлан",
        email=f"p{n}@example.kz",
        phone="+7 701 000 00 00",
    )


@dataclass
class Unit:
    """A body: head of apparatus, a unit with its head and ``staff`` specialists, and a
    second unit whose head's post is vacant with a specialist acting."""

    body: StateBody
    head: Employee
    unit_head: Employee
    staff: list[Employee]
    acting: Employee
    vacant_head: Position
    staff_positions: list[Position]


def build_unit(code: str = "shakhtinsk-maslikhat", staff: int = 3, base: int = 1) -> Unit:
    body = StateBody.objects.create(
        code=code,
        name_kk="Шахтинск қалалық мәслихатының аппараты",
        name_ru="Аппарат Шахтинского городского маслихата",
        kind=BodyKind.MASLIKHAT_APPARATUS,
        methodology_code="shakhtinsk-maslikhat",
    )
    org = Department.objects.create(
        body=body, code="org", name_kk="Ұйымдастыру бөлімі", name_ru="Организационный отдел"
    )
    sector = Department.objects.create(
        body=body,
        code="sector",
        parent=org,
        name_kk="Мониторинг секторы",
        name_ru="Сектор мониторинга",
    )
    fin = Department.objects.create(
        body=body, code="fin", name_kk="Қаржы бөлімі", name_ru="Финансовый отдел"
    )
    head_pos = Position.objects.create(
        body=body,
        code="head",
        title_kk="Аппарат басшысы",
        title_ru="Руководитель аппарата",
        category="E-2",
        is_head_of_apparatus=True,
    )
    unit_pos = Position.objects.create(
        body=body,
        department=org,
        code="org-head",
        title_kk="Бөлім басшысы",
        title_ru="Руководитель отдела",
        category="E-3",
        is_head_of_unit=True,
        reports_to=head_pos,
    )
    vacant = Position.objects.create(
        body=body,
        department=fin,
        code="fin-head",
        title_kk="Бөлім басшысы",
        title_ru="Руководитель отдела",
        category="E-3",
        is_head_of_unit=True,
        reports_to=head_pos,
    )
    head = person(base, "Жұмабаев", "Жумабаев")
    unit_head = person(base + 1, "Байжанова", "Байжанова")
    Assignment.objects.create(employee=head, position=head_pos, start=START)
    Assignment.objects.create(employee=unit_head, position=unit_pos, start=START)
    people, posts = [], []
    for i in range(staff):
        post = Position.objects.create(
            body=body,
            department=sector if i % 2 else org,
            code=f"s{i}",
            title_kk="Бас маман",
            title_ru="Главный специалист",
            category="E-4",
            reports_to=unit_pos,
        )
        worker = person(base + 2 + i)
        Assignment.objects.create(employee=worker, position=post, start=START)
        people.append(worker)
        posts.append(post)
    fin_post = Position.objects.create(
        body=body,
        department=fin,
        code="fin-1",
        title_kk="Жетекші маман",
        title_ru="Ведущий специалист",
        category="E-5",
        reports_to=vacant,
    )
    acting = person(base + 2 + staff, "Әлиева", "Алиева")
    Assignment.objects.create(employee=acting, position=fin_post, start=START)
    Assignment.objects.create(
        employee=acting, position=vacant, start=date(2024, 1, 1), kind=AssignmentKind.ACTING
    )
    return Unit(body, head, unit_head, people, acting, vacant, posts)


def client_for(
    username: str,
    *,
    role: Role | None = None,
    body: StateBody | None = None,
    employee: Employee | None = None,
) -> Client:
    user = User.objects.create_user(username, password="x-Very-long-1")
    if role is not None and body is not None:
        RoleAssignment.objects.create(user=user, body=body, role=role)
    if employee is not None:
        employee.user = user
        employee.save()
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("language", "surname", "vacant", "acting"),
    [
        ("kk", "Жұмабаев", "бос", "м.а."),
        ("ru", "Жумабаев", "вакантна", "и.о."),
        ("en", "Жумабаев", "vacant", "acting"),
    ],
)
def test_body_overview_in_each_language(
    language: str, surname: str, vacant: str, acting: str
) -> None:
    unit = build_unit()
    client = client_for("hr", role=Role.HR, body=unit.body)
    response = client.get(
        reverse("orgs:body", args=[unit.body.code]), headers={"accept-language": language}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert surname in html
    assert f'<span class="badge badge-warn">{vacant}</span>' in html
    assert f'<span class="badge badge-warn">{acting}</span>' in html
    assert "shakhtinsk-2024" in html  # the methodology version in force today
    assert unit.head.iin not in html  # the structure never shows personal data


def test_structure_on_a_past_date_shows_who_held_the_post_then() -> None:
    unit = build_unit()
    client = client_for("hr", role=Role.HR, body=unit.body)
    url = reverse("orgs:body", args=[unit.body.code])
    before = client.get(url, {"on": "01.06.2023"}, headers={"accept-language": "en"})
    html = before.content.decode()
    assert '<span class="badge badge-warn">acting</span>' not in html
    assert "On 01.06.2023: 7 positions, 1 vacant." in html
    bad = client.get(url, {"on": "31.02.2023"}, headers={"accept-language": "en"})
    assert "“31.02.2023” is not a valid date" in bad.content.decode()


def test_an_employee_sees_the_structure_of_their_body_but_no_one_elses() -> None:
    unit = build_unit()
    other = build_unit("kentau-maslikhat", base=50)
    client = client_for("worker", employee=unit.staff[0])
    assert client.get(reverse("orgs:body", args=[unit.body.code])).status_code == 200
    assert client.get(reverse("orgs:body", args=[other.body.code])).status_code == 403
    assert client.get(reverse("orgs:staff", args=[unit.body.code])).status_code == 403
    bodies = client.get(reverse("orgs:bodies")).content.decode()
    assert f'href="/bodies/{unit.body.code}/"' in bodies
    assert f'href="/bodies/{other.body.code}/"' not in bodies


def test_managers_are_derived_from_the_positions() -> None:
    unit = build_unit()
    client = client_for("hr", role=Role.HR, body=unit.body)
    html = client.get(
        reverse("orgs:employee", args=[unit.staff[0].pk]), headers={"accept-language": "en"}
    ).content.decode()
    assert "Direct manager</dt><dd>Байжанова Ерлан" in html
    assert "Superior manager</dt><dd>Жумабаев Ерлан" in html
    # under a vacant head's post, whoever acts in it is the direct manager
    under_acting = Employee.objects.get(assignments__position__code="fin-1")
    assert under_acting == unit.acting
    html = client.get(
        reverse("orgs:employee", args=[unit.head.pk]), headers={"accept-language": "en"}
    ).content.decode()
    assert "Direct manager</dt><dd>—" in html


def test_a_colleague_cannot_open_another_colleagues_page() -> None:
    unit = build_unit()
    colleague = client_for("colleague", employee=unit.staff[0])
    assert colleague.get(reverse("orgs:employee", args=[unit.staff[1].pk])).status_code == 403
    own = colleague.get(reverse("orgs:employee", args=[unit.staff[0].pk]))
    assert own.status_code == 200
    assert "Edit the employee" not in own.content.decode()
    manager = client_for("manager", employee=unit.unit_head)
    assert manager.get(reverse("orgs:employee", args=[unit.staff[1].pk])).status_code == 200


def test_staff_list_hides_personal_data_and_iin_search_from_non_hr() -> None:
    unit = build_unit()
    official = client_for("official", role=Role.APPOINTING_OFFICIAL, body=unit.body)
    url = reverse("orgs:staff", args=[unit.body.code])
    html = official.get(url, {"q": unit.staff[0].iin}).content.decode()
    assert "Nobody found." in html or "Ничего не найдено." in html
    hr = client_for("hr", role=Role.HR, body=unit.body)
    html = hr.get(url, {"q": unit.staff[0].iin[:8]}, headers={"accept-language": "en"})
    assert unit.staff[0].iin in html.content.decode()
    commission = client_for("member", role=Role.COMMISSION_MEMBER, body=unit.body)
    assert commission.get(url).status_code == 403


def test_staff_search_by_name_with_htmx_returns_the_table_only() -> None:
    unit = build_unit()
    hr = client_for("hr", role=Role.HR, body=unit.body)
    response = hr.get(
        reverse("orgs:staff", args=[unit.body.code]),
        {"q": "Әлиева"},
        headers={"hx-request": "true", "accept-language": "en"},
    )
    html = response.content.decode()
    assert "<html" not in html
    assert "Алиева" in html
    assert "Жумабаев" not in html


@pytest.mark.parametrize("size", [5, 50])
def test_staff_list_query_count_does_not_grow(size: int, django_assert_num_queries: object) -> None:
    unit = build_unit(staff=size)
    hr = client_for("hr", role=Role.HR, body=unit.body)
    with django_assert_num_queries(STAFF_QUERIES):  # type: ignore[operator]
        assert hr.get(reverse("orgs:staff", args=[unit.body.code])).status_code == 200


@pytest.mark.parametrize("size", [5, 50])
def test_body_overview_query_count_does_not_grow(
    size: int, django_assert_num_queries: object
) -> None:
    unit = build_unit(staff=size)
    hr = client_for("hr", role=Role.HR, body=unit.body)
    with django_assert_num_queries(OVERVIEW_QUERIES):  # type: ignore[operator]
        assert hr.get(reverse("orgs:body", args=[unit.body.code])).status_code == 200


# session, user, permission checks, count, page, personal-data check, unread notices badge
# (fixed, whatever the size)
STAFF_QUERIES = 11  # with the header's links (one query)
# session, user, body, permission checks, departments, positions, holders, children, links,
# unread notices badge
OVERVIEW_QUERIES = 15  # with the header's links (one query)


def test_hr_edits_an_employee_and_the_change_is_audited() -> None:
    unit = build_unit()
    hr = client_for("hr", role=Role.HR, body=unit.body)
    worker = unit.staff[0]
    data = {
        f"employee-{k}": getattr(worker, k)
        for k in (
            "iin",
            "last_name_kk",
            "first_name_kk",
            "middle_name_kk",
            "last_name_ru",
            "first_name_ru",
            "middle_name_ru",
            "email",
            "phone",
        )
    }
    data["employee-phone"] = "+7 777 123 45 67"
    response = hr.post(reverse("orgs:employee_edit", args=[worker.pk]), data)
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.phone == "+7 777 123 45 67"
    record = AuditRecord.objects.get(object_type="orgs.employee")
    assert record.before is not None and record.after is not None
    assert (record.before["phone"], record.after["phone"]) == (
        "+7 701 000 00 00",
        "+7 777 123 45 67",
    )
    assert record.body_id == unit.body.pk


def test_a_refused_edit_keeps_the_input_and_changes_nothing() -> None:
    unit = build_unit()
    hr = client_for("hr", role=Role.HR, body=unit.body)
    worker = unit.staff[0]
    data = {
        f"employee-{k}": getattr(worker, k)
        for k in (
            "iin",
            "last_name_kk",
            "first_name_kk",
            "middle_name_kk",
            "last_name_ru",
            "first_name_ru",
            "middle_name_ru",
            "email",
            "phone",
        )
    }
    data["employee-iin"] = worker.iin[:11] + str((int(worker.iin[11]) + 1) % 10)
    data["employee-last_name_ru"] = "Новая"
    response = hr.post(
        reverse("orgs:employee_edit", args=[worker.pk]), data, headers={"accept-language": "ru"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "неверная контрольная цифра" in html
    assert 'value="Новая"' in html
    worker.refresh_from_db()
    assert worker.last_name_ru != "Новая"
    assert not AuditRecord.objects.exists()


def test_only_hr_may_post_edits() -> None:
    unit = build_unit()
    official = client_for("official", role=Role.APPOINTING_OFFICIAL, body=unit.body)
    url = reverse("orgs:absence_add", args=[unit.staff[0].pk])
    data = {
        "absence-kind": "sick_leave",
        "absence-start": "01.02.2025",
        "absence-end": "05.02.2025",
    }
    assert official.post(url, data).status_code == 403
    assert official.get(url).status_code in (403, 405)
    hr = client_for("hr", role=Role.HR, body=unit.body)
    assert hr.post(url, data).status_code == 302
    assert unit.staff[0].absences.count() == 1


def test_dismissal_through_the_page_ends_the_assignment() -> None:
    unit = build_unit()
    hr = client_for("hr", role=Role.HR, body=unit.body)
    worker = unit.staff[1]
    url = reverse("orgs:dismissal_add", args=[worker.pk])
    response = hr.post(
        url,
        {
            "dismissal-body": str(unit.body.pk),
            "dismissal-day": "15.03.2025",
            "dismissal-basis": "по собственному желанию",
        },
    )
    assert response.status_code == 302
    assert worker.assignments.get().end == date(2025, 3, 15)
    page = hr.get(reverse("orgs:employee", args=[worker.pk])).content.decode()
    assert "15.03.2025" in page
