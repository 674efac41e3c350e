from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The append-only audit trail: who changed or viewed what, when, before and after."""

    name = "bagalau.audit"
    label = "audit"
    default_auto_field = "django.db.models.BigAutoField"
