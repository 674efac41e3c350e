"""The result page of one person in one period."""

from django.urls import path

from bagalau.cycles.results import views

urlpatterns = [
    path("participations/<int:participation_id>/result/", views.result, name="result"),
]
