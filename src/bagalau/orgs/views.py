"""Pages of state bodies and people: list, structure, staff list, employee file, HR edits.

Each view parses the request, asks ``bagalau.access`` (nothing else
decides access), reads through ``overview``/``selectors`` or calls one service, renders.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from bagalau.access import Action, bodies_for, can, employee_ids_for, require
from bagalau.core import clock
from bagalau.core.export import table_response
from bagalau.core.labels import name_lang
from bagalau.core.listing import ListQuery, export_format
from bagalau.core.messages import error_message
from bagalau.core.packview import pack_summary
from bagalau.domain.calendar import format_date, parse_date
from bagalau.domain.errors import DomainError
from bagalau.orgs import services
from bagalau.orgs.forms import AbsenceForm, DismissalForm, EmployeeForm
from bagalau.orgs.models import AbsenceKind, Employee, StateBody
from bagalau.orgs.overview import employee_file, staff_on, structure_on
from bagalau.orgs.selectors import managers_on, position_on
from bagalau.orgs.staff_list import export_rows, staff_spec
from bagalau.packs import registry


def _is_htmx(request: HttpRequest) -> bool:
    """A partial update asked by htmx (the page works without it)."""
    return bool(getattr(request, "htmx", False))


def _on_date(request: HttpRequest) -> tuple[date, str]:
    """The ``?on=dd.mm.yyyy`` date (today by default) and an error message if unreadable."""
    text = request.GET.get("on", "").strip()
    if not text:
        return clock.today(), ""
    try:
        return parse_date(text), ""
    except DomainError as err:
        return clock.today(), error_message(err)


def _methodology(body: StateBody, day: date, lang: str) -> dict[str, Any]:
    """The pack version governing ``body`` on ``day`` (its own, or the Typical fallback)."""
    own = body.methodology_code or None
    if own and body.methodology_from and day < body.methodology_from:
        own = None
    try:
        return {"pack": pack_summary(registry().in_force(own, day), lang)}
    except DomainError as err:
        return {"error": error_message(err)}


@login_required
@require_GET
def bodies(request: HttpRequest) -> HttpResponse:
    lang = name_lang()
    visible = bodies_for(request.user, Action.VIEW_BODY).select_related("parent")
    rows = [
        {
            "code": b.code,
            "name": b.name(lang),
            "kind": b.get_kind_display(),
            "parent": b.parent.name(lang) if b.parent else "",
        }
        for b in visible.order_by("parent_id", "name_ru")
    ]
    return render(request, "orgs/bodies.html", {"bodies": rows})


@login_required
@require_GET
def body(request: HttpRequest, code: str) -> HttpResponse:
    state_body = get_object_or_404(StateBody.objects.select_related("parent"), code=code)
    require(request.user, Action.VIEW_STRUCTURE, state_body)
    lang = name_lang()
    day, date_error = _on_date(request)
    structure = structure_on(state_body, day, lang)
    holder_ids = _holder_ids(structure.root)
    context = {
        "body": state_body,
        "can_periods": can(request.user, Action.VIEW_PERIOD, state_body),
        "body_name": state_body.name(lang),
        "parent_name": state_body.parent.name(lang) if state_body.parent else "",
        "children": [
            {"code": c.code, "name": c.name(lang)} for c in state_body.children.order_by("name_ru")
        ],
        "structure": structure,
        "on": format_date(day),
        "date_error": date_error,
        "methodology": _methodology(state_body, day, lang),
        "linked": employee_ids_for(
            request.user, Action.VIEW_EMPLOYEE, holder_ids, today=clock.today()
        ),
        "can_staff": can(request.user, Action.VIEW_STAFF_LIST, state_body),
        "can_import": can(request.user, Action.IMPORT_STAFF, state_body, today=clock.today()),
    }
    template = "orgs/_structure.html" if _is_htmx(request) else "orgs/body.html"
    return render(request, template, context)


def _holder_ids(node: Any) -> set[int]:
    found = {h.employee_id for p in node.positions for h in p.holders}
    for child in node.children:
        found |= _holder_ids(child)
    return found


@login_required
@require_GET
def staff(request: HttpRequest, code: str) -> HttpResponse:
    state_body = get_object_or_404(StateBody, code=code)
    require(request.user, Action.VIEW_STAFF_LIST, state_body)
    lang = name_lang()
    day, date_error = _on_date(request)
    by_iin = can(request.user, Action.EDIT_EMPLOYEE, state_body)
    listing = ListQuery.parse(request, staff_spec(lang), keep=("on",))
    found = listing.apply(staff_on(state_body, day, query=listing.q, by_iin=by_iin))
    fmt = export_format(request)
    if fmt is not None:
        ids = set(found.values_list("employee_id", flat=True))
        personal = employee_ids_for(request.user, Action.VIEW_EMPLOYEE, ids, today=clock.today())
        header = [str(c.label) for c in listing.spec.columns]
        name = f"staff-{state_body.code}-{day:%Y%m%d}"
        return table_response(fmt, name, header, export_rows(found, lang, personal))
    rows = listing.paginate(found)
    personal = employee_ids_for(
        request.user, Action.VIEW_EMPLOYEE, [a.employee_id for a in rows], today=clock.today()
    )
    context = {
        "body": state_body,
        "body_name": state_body.name(lang),
        "lang": lang,
        "rows": [
            {
                "assignment": a,
                "name": a.employee.full_name(lang),
                "title": a.position.title(lang),
                "department": a.position.department.name(lang) if a.position.department else "",
                "personal": a.employee_id in personal,
            }
            for a in rows
        ],
        "page": rows,
        "query": listing.q,
        "by_iin": by_iin,
        "on": format_date(day),
        "date_error": date_error,
        **listing.context(rows),
    }
    template = "orgs/_staff_table.html" if _is_htmx(request) else "orgs/staff.html"
    return render(request, template, context)


def _employee_context(request: HttpRequest, employee: Employee) -> dict[str, Any]:
    lang = name_lang()
    today = clock.today()
    history = employee_file(employee)
    position = position_on(employee, today)
    managers = managers_on(employee, today)
    return {
        "employee": employee,
        "name": employee.full_name(lang),
        "other_name": employee.full_name("ru" if lang == "kk" else "kk"),
        "lang": lang,
        "history": history,
        "position": position.title(lang) if position else "",
        "position_body": position.body.name(lang) if position else "",
        "managers": managers,
        "direct_name": managers.direct.full_name(lang) if managers.direct else "",
        "superior_name": managers.superior.full_name(lang) if managers.superior else "",
        "can_edit": can(request.user, Action.EDIT_EMPLOYEE, employee),
        "dismissal_bodies": [
            b for b in StateBody.objects.filter(pk__in=history.body_ids).order_by("name_ru")
        ],
        "today": format_date(today),
    }


@login_required
@require_GET
def employee(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Employee, pk=pk)
    require(request.user, Action.VIEW_EMPLOYEE, person)
    context = _employee_context(request, person)
    if context["can_edit"]:
        context.update(_blank_forms(person))
    return render(request, "orgs/employee.html", context)


def _blank_forms(person: Employee) -> dict[str, forms.Form]:
    initial = {name: getattr(person, name) for name in EmployeeForm.base_fields}
    return {
        "employee_form": EmployeeForm(initial=initial, prefix="employee"),
        "absence_form": AbsenceForm(prefix="absence"),
        "dismissal_form": DismissalForm(prefix="dismissal"),
    }


def _refused(
    request: HttpRequest, person: Employee, form: forms.Form, name: str, err: ValidationError
) -> HttpResponse:
    """Show the page again with the user's input and the translated reasons."""
    for field, problems in err.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)
    context = _employee_context(request, person)
    context.update(_blank_forms(person))
    context[name] = form
    context["open_form"] = name
    return render(request, "orgs/employee.html", context, status=400)


@login_required
@require_POST
def employee_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Employee, pk=pk)
    require(request.user, Action.EDIT_EMPLOYEE, person)
    form = EmployeeForm(request.POST, prefix="employee")
    try:
        if not form.is_valid():
            raise ValidationError({})
        services.do_update_employee(
            actor=request.user, employee=person, data=form.data_for_service()
        )
    except ValidationError as err:
        return _refused(request, person, form, "employee_form", err)
    messages.success(request, _("The employee's data are saved."))
    return redirect("orgs:employee", pk=person.pk)


@login_required
@require_POST
def absence_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Employee, pk=pk)
    require(request.user, Action.EDIT_EMPLOYEE, person)
    form = AbsenceForm(request.POST, prefix="absence")
    try:
        if not form.is_valid():
            raise ValidationError({})
        services.do_add_absence(
            actor=request.user,
            employee=person,
            kind=AbsenceKind(form.cleaned_data["kind"]),
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
        )
    except ValidationError as err:
        return _refused(request, person, form, "absence_form", err)
    messages.success(request, _("The absence is recorded."))
    return redirect("orgs:employee", pk=person.pk)


@login_required
@require_POST
def dismissal_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Employee, pk=pk)
    require(request.user, Action.EDIT_EMPLOYEE, person)
    body_id = request.POST.get("dismissal-body", "")
    state_body = get_object_or_404(StateBody, pk=int(body_id) if body_id.isdigit() else 0)
    # Editing the person is not enough: the dismissal is from this body, so HR of it.
    require(request.user, Action.EDIT_EMPLOYEE, state_body)
    form = DismissalForm(request.POST, prefix="dismissal")
    try:
        if not form.is_valid():
            raise ValidationError({})
        services.do_record_dismissal(
            actor=request.user,
            employee=person,
            body=state_body,
            day=form.cleaned_data["day"],
            basis=form.cleaned_data["basis"],
        )
    except ValidationError as err:
        return _refused(request, person, form, "dismissal_form", err)
    messages.success(request, _("The dismissal is recorded."))
    return redirect("orgs:employee", pk=person.pk)
