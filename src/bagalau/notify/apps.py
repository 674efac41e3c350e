from django.apps import AppConfig


class NotifyConfig(AppConfig):
    """In-app notices and e-mail to whoever owes the next step of the cycle."""

    name = "bagalau.notify"
    label = "notify"
    default_auto_field = "django.db.models.BigAutoField"
