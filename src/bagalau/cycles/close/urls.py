"""Closing a period, from its page: start it, watch it, run it again if it failed."""

from django.urls import path

from bagalau.cycles.close import views

urlpatterns = [
    path("bodies/<slug:code>/periods/<str:period>/close/", views.close, name="period_close"),
    path(
        "bodies/<slug:code>/periods/<str:period>/close/progress/",
        views.progress,
        name="period_close_progress",
    ),
    path(
        "bodies/<slug:code>/periods/<str:period>/close/retry/",
        views.retry,
        name="period_close_retry",
    ),
]
