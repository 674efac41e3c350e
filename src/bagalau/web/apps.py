from django.apps import AppConfig


class WebConfig(AppConfig):
    """Base templates, static files and translations of the interface."""

    name = "bagalau.web"
    label = "web"
