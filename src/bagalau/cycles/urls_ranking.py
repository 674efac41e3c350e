"""Ranking sheets, paper sheets and their scans, results, bonus points."""

from django.urls import path

from bagalau.cycles import views_ranking, views_results

urlpatterns = [
    path("periods/<int:period_id>/ranking/", views_ranking.my_team, name="ranking_mine"),
    path(
        "periods/<int:period_id>/ranking/<int:evaluator_id>/",
        views_ranking.team,
        name="ranking_team",
    ),
    path("ranking-sheets/<int:sheet_id>/", views_ranking.review, name="ranking_review"),
    path("participations/<int:participation_id>/paper/", views_ranking.paper, name="ranking_paper"),
    path("participations/<int:participation_id>/scan/", views_ranking.scan, name="ranking_scan"),
    path("participations/<int:participation_id>/result/", views_results.result, name="result"),
    path("participations/<int:participation_id>/bonus/", views_results.bonus, name="bonus"),
    path(
        "participations/<int:participation_id>/bonus/<int:award_id>/withdraw/",
        views_results.bonus_withdraw,
        name="bonus_withdraw",
    ),
]
