from django.apps import AppConfig


class CyclesConfig(AppConfig):
    """The evaluation cycle: periods, schedules, KPI plans, sheets, results, familiarization."""

    name = "bagalau.cycles"
    label = "cycles"
    default_auto_field = "django.db.models.BigAutoField"
