from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Background runs: a long operation as a task with stored progress and outcome."""

    name = "bagalau.jobs"
    label = "jobs"
    default_auto_field = "django.db.models.BigAutoField"
