"""Sign-in with lockout, and the role and login management pages of a body's HR."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from bagalau.access import Action, require
from bagalau.access.roles import (
    do_create_login,
    do_deactivate_login,
    do_grant_role,
    do_revoke_role,
)
from bagalau.accounts import selectors
from bagalau.accounts.forms import CreateLoginForm, GrantRoleForm, LockoutAuthenticationForm
from bagalau.accounts.models import Role
from bagalau.accounts.services import AccountRefused, do_clear_login_failures
from bagalau.orgs.models import StateBody


class LockoutLoginView(LoginView):
    form_class = LockoutAuthenticationForm
    template_name = "accounts/login.html"

    def form_valid(self, form: Any) -> HttpResponse:
        do_clear_login_failures(username=form.get_user().get_username())
        return super().form_valid(form)


def _actor(request: HttpRequest) -> User:
    # Every view below is login_required, so the user is a real account here.
    if not isinstance(request.user, User):
        raise TypeError("signed-in user expected")
    return request.user


def _managed_body(request: HttpRequest, code: str) -> StateBody:
    body = get_object_or_404(StateBody, code=code)
    require(request.user, Action.MANAGE_ROLES, body)
    return body


def _roles_page(request: HttpRequest, body: StateBody, **extra: Any) -> HttpResponse:
    lang = translation.get_language() or "ru"
    employees = selectors.body_employees(body).order_by("last_name_ru", "first_name_ru")
    context: dict[str, Any] = {
        "body": body,
        "body_name": body.name(lang),
        "holders": [
            {
                "user": h.user,
                "name": h.employee.full_name(lang) if h.employee else "",
                "roles": h.roles,
            }
            for h in selectors.role_holders(body)
        ],
        "employees": [{"name": e.full_name(lang), "user": e.user} for e in employees],
        "grant_form": GrantRoleForm(users=selectors.body_users(body)),
        "login_form": CreateLoginForm(
            employees=selectors.body_employees(body).filter(user__isnull=True)
        ),
        **extra,
    }
    response = render(request, "accounts/roles.html", context)
    response.status_code = 400 if extra.get("invalid") else 200
    return response


@login_required
@never_cache
def roles(request: HttpRequest, code: str) -> HttpResponse:
    return _roles_page(request, _managed_body(request, code))


def _back(body: StateBody) -> HttpResponseRedirect:
    return redirect(reverse("accounts:roles", kwargs={"code": body.code}))


@login_required
@require_POST
def grant_role(request: HttpRequest, code: str) -> HttpResponse:
    body = _managed_body(request, code)
    form = GrantRoleForm(request.POST, users=selectors.body_users(body))
    if not form.is_valid():
        return _roles_page(request, body, grant_form=form, invalid=True)
    try:
        do_grant_role(
            actor=_actor(request),
            user=form.cleaned_data["user"],
            body=body,
            role=Role(form.cleaned_data["role"]),
        )
    except AccountRefused as err:
        messages.error(request, str(err.message))
    else:
        messages.success(request, _("The role was granted."))
    return _back(body)


@login_required
@require_POST
def revoke_role(request: HttpRequest, code: str, user_id: int, role: str) -> HttpResponse:
    body = _managed_body(request, code)
    if role not in Role.values:
        return _roles_page(request, body, invalid=True)
    user = get_object_or_404(User, pk=user_id)
    try:
        do_revoke_role(actor=_actor(request), user=user, body=body, role=Role(role))
    except AccountRefused as err:
        messages.error(request, str(err.message))
    else:
        messages.success(request, _("The role was revoked."))
    return _back(body)


@login_required
@require_POST
@never_cache
def create_login(request: HttpRequest, code: str) -> HttpResponse:
    """On success the page itself shows the initial password once; it is not stored."""
    body = _managed_body(request, code)
    employees = selectors.body_employees(body).filter(user__isnull=True)
    form = CreateLoginForm(request.POST, employees=employees)
    if not form.is_valid():
        return _roles_page(request, body, login_form=form, invalid=True)
    try:
        user, initial = do_create_login(
            actor=_actor(request),
            employee=form.cleaned_data["employee"],
            body=body,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"] or None,
        )
    except AccountRefused as err:
        messages.error(request, str(err.message))
        return _back(body)
    return _roles_page(request, body, created=user, initial_password=initial)


@login_required
@require_POST
def deactivate_login(request: HttpRequest, code: str, user_id: int) -> HttpResponse:
    body = _managed_body(request, code)
    user = get_object_or_404(User, pk=user_id)
    try:
        do_deactivate_login(actor=_actor(request), user=user, body=body)
    except AccountRefused as err:
        messages.error(request, str(err.message))
    else:
        messages.success(request, _("The login was deactivated."))
    return _back(body)
