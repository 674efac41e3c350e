from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """People who sign in (django.contrib.auth's User), their roles per body, lockout."""

    name = "bagalau.accounts"
    label = "accounts"

    def ready(self) -> None:
        # The admin has its own sign-in form; without this it would bypass the lockout.
        from django.contrib import admin

        from bagalau.accounts.forms import LockoutAdminAuthenticationForm

        admin.site.login_form = LockoutAdminAuthenticationForm
