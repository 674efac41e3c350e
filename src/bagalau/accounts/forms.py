"""Forms: sign-in with lockout, granting a role, creating a login for an employee."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy as _

from bagalau.accounts.models import Role
from bagalau.accounts.services import do_record_login_failure
from bagalau.accounts.throttle import Hold, client_address, sign_in_hold
from bagalau.core import clock
from bagalau.orgs.models import Employee


class LockoutAuthenticationForm(AuthenticationForm):
    """Refuses a held-off sign-in (``throttle``) before checking its password.

    The password is not even checked while held off, so a correct guess then reveals
    nothing, and tries made meanwhile do not extend the hold.
    """

    locked_message: str = ""

    def clean(self) -> dict[str, Any]:
        username = self.data.get("username", "")
        address = client_address(self.request)
        now = clock.now()
        hold = sign_in_hold(username=username, address=address, now=now)
        if hold is not None:
            self.locked_message = _hold_message(hold)
            raise ValidationError(self.locked_message, code="locked")
        try:
            return super().clean()
        except ValidationError:
            if username:
                do_record_login_failure(username=username, address=address, now=now)
            raise


def _hold_message(hold: Hold) -> str:
    values = {"count": hold.failures, "time": time_format(timezone.localtime(hold.until), "H:i")}
    if hold.by_address:
        return str(
            _(
                "Too many failed sign-ins came from your network address (%(count)s in a "
                "short time). Try again after %(time)s; if colleagues share this address, "
                "ask the administrator."
            )
            % values
        )
    return str(
        _(
            "Sign-in for this username is locked after %(count)s failed attempts. "
            "Try again after %(time)s."
        )
        % values
    )


class LockoutAdminAuthenticationForm(LockoutAuthenticationForm, AdminAuthenticationForm):
    """The admin's sign-in (staff only) under the same lockout."""


class GrantRoleForm(forms.Form):
    """The choice is limited to the body's own people, so HR never sees every login."""

    user = forms.ModelChoiceField(label=_("User"), queryset=User.objects.none())
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        help_text=_(
            "HR grants the HR and auditor roles; the appointing official and commission "
            "member roles are granted by an administrator. Nobody grants a role to themselves."
        ),
    )

    def __init__(self, *args: Any, users: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self.fields["user"], users)


class CreateLoginForm(forms.Form):
    employee = forms.ModelChoiceField(label=_("Employee"), queryset=Employee.objects.none())
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(
        label=_("Initial password"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Leave empty to generate one; it is shown once, after saving."),
    )

    def __init__(self, *args: Any, employees: QuerySet[Employee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self.fields["employee"], employees)


def _set_queryset(field: forms.Field, queryset: QuerySet[Any]) -> None:
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(field)
    field.queryset = queryset
