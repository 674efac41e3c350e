from django.apps import AppConfig


class OrgsConfig(AppConfig):
    """State bodies, their structure, positions and the people who held them when."""

    name = "bagalau.orgs"
    label = "orgs"
    default_auto_field = "django.db.models.BigAutoField"
