"""Ranking sheets, paper sheets and their scans."""

from django.urls import path

from bagalau.cycles.ranking import views

urlpatterns = [
    path("periods/<int:period_id>/ranking/", views.my_team, name="ranking_mine"),
    path("periods/<int:period_id>/ranking/<int:evaluator_id>/", views.team, name="ranking_team"),
    path("ranking-sheets/<int:sheet_id>/", views.review, name="ranking_review"),
    path("participations/<int:participation_id>/paper/", views.paper, name="ranking_paper"),
    path("participations/<int:participation_id>/scan/", views.scan, name="ranking_scan"),
]
