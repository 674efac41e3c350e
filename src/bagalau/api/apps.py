from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "bagalau.api"
    label = "api"
    verbose_name = "REST API"
