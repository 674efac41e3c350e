"""Pages of evaluation periods and their schedule (included by ``cycles.urls``)."""

from django.urls import path

from bagalau.cycles.periods import views

urlpatterns = [
    path("bodies/<slug:code>/periods/", views.periods, name="periods"),
    path("bodies/<slug:code>/periods/<str:period>/", views.period, name="period"),
    path("bodies/<slug:code>/periods/<str:period>/schedule/", views.schedule, name="schedule"),
    path(
        "bodies/<slug:code>/periods/<str:period>/schedule/items/<int:item>/",
        views.schedule_plan,
        name="schedule_plan",
    ),
    path(
        "bodies/<slug:code>/periods/<str:period>/schedule/move/",
        views.schedule_move,
        name="schedule_move",
    ),
]
