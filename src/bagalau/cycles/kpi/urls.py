"""KPI plan and sheet pages of one participation (namespace "cycles")."""

from django.urls import URLPattern, URLResolver, path

from bagalau.cycles.kpi import plan_views, sheet_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("participations/<int:pk>/kpi/plan/", plan_views.plan_page, name="kpi_plan"),
    path("participations/<int:pk>/kpi/plan/save/", plan_views.plan_save, name="kpi_plan_save"),
    path(
        "participations/<int:pk>/kpi/plan/<int:plan_id>/change/",
        plan_views.plan_change,
        name="kpi_plan_change",
    ),
    path(
        "participations/<int:pk>/kpi/plan/<int:plan_id>/<slug:step>/",
        plan_views.plan_step,
        name="kpi_plan_step",
    ),
    path("participations/<int:pk>/kpi/sheet/", sheet_views.sheet_page, name="kpi_sheet"),
    path("participations/<int:pk>/kpi/sheet/open/", sheet_views.sheet_open, name="kpi_sheet_open"),
    path(
        "participations/<int:pk>/kpi/sheet/actuals/",
        sheet_views.sheet_actuals,
        name="kpi_sheet_actuals",
    ),
    path(
        "participations/<int:pk>/kpi/sheet/scores/",
        sheet_views.sheet_scores,
        name="kpi_sheet_scores",
    ),
    path(
        "participations/<int:pk>/kpi/sheet/submit/",
        sheet_views.sheet_submit,
        name="kpi_sheet_submit",
    ),
    path(
        "participations/<int:pk>/kpi/sheet/review/",
        sheet_views.sheet_review,
        name="kpi_sheet_review",
    ),
]
