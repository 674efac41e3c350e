"""Closing a period, from its page."""

from django.urls import path

from bagalau.cycles.close import views

urlpatterns = [
    path("bodies/<slug:code>/periods/<str:period>/close/", views.close, name="period_close"),
]
