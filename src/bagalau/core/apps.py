from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared pieces of the shell: the working-day calendar, error messages, commands."""

    name = "bagalau.core"
    label = "core"
