"""KPI plan and sheet pages of one participation (namespace "cycles")."""

from django.urls import URLPattern, URLResolver, path

from bagalau.cycles import views_kpi

urlpatterns: list[URLPattern | URLResolver] = [
    path("participations/<int:pk>/kpi/plan/", views_kpi.plan_page, name="kpi_plan"),
    path("participations/<int:pk>/kpi/plan/save/", views_kpi.plan_save, name="kpi_plan_save"),
    path(
        "participations/<int:pk>/kpi/plan/<int:plan_id>/change/",
        views_kpi.plan_change,
        name="kpi_plan_change",
    ),
    path(
        "participations/<int:pk>/kpi/plan/<int:plan_id>/<slug:step>/",
        views_kpi.plan_step,
        name="kpi_plan_step",
    ),
    path("participations/<int:pk>/kpi/sheet/", views_kpi.sheet_page, name="kpi_sheet"),
    path("participations/<int:pk>/kpi/sheet/open/", views_kpi.sheet_open, name="kpi_sheet_open"),
    path(
        "participations/<int:pk>/kpi/sheet/actuals/",
        views_kpi.sheet_actuals,
        name="kpi_sheet_actuals",
    ),
    path(
        "participations/<int:pk>/kpi/sheet/scores/",
        views_kpi.sheet_scores,
        name="kpi_sheet_scores",
    ),
    path(
        "participations/<int:pk>/kpi/sheet/submit/",
        views_kpi.sheet_submit,
        name="kpi_sheet_submit",
    ),
    path(
        "participations/<int:pk>/kpi/sheet/review/",
        views_kpi.sheet_review,
        name="kpi_sheet_review",
    ),
]
