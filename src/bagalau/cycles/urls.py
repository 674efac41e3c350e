"""Pages of the evaluation cycle (namespace "cycles"); each part has its own urls module."""

from django.urls import URLPattern, URLResolver, include, path

app_name = "cycles"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("bagalau.cycles.urls_period")),
    path("", include("bagalau.cycles.urls_ranking")),
    path("", include("bagalau.cycles.urls_kpi")),
    path("", include("bagalau.cycles.urls_familiarize")),
]
