"""Pages of the evaluation cycle (namespace "cycles"); each capability has its own urls."""

from django.urls import URLPattern, URLResolver, include, path

app_name = "cycles"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("bagalau.cycles.periods.urls")),
    path("", include("bagalau.cycles.close.urls")),
    path("", include("bagalau.cycles.ranking.urls")),
    path("", include("bagalau.cycles.results.urls")),
    path("", include("bagalau.cycles.bonus.urls")),
    path("", include("bagalau.cycles.kpi.urls")),
    path("", include("bagalau.cycles.familiarization.urls")),
]
