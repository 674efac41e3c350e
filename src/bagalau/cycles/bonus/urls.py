"""Bonus points of one person in one period."""

from django.urls import path

from bagalau.cycles.bonus import views

urlpatterns = [
    path("participations/<int:participation_id>/bonus/", views.bonus, name="bonus"),
    path(
        "participations/<int:participation_id>/bonus/<int:award_id>/withdraw/",
        views.bonus_withdraw,
        name="bonus_withdraw",
    ),
]
