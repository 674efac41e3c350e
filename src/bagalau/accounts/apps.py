from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """People who sign in; uses django.contrib.auth's User for now."""

    name = "bagalau.accounts"
    label = "accounts"
