"""The REST API (namespace "api"): ``/api/v1/`` endpoints, the OpenAPI 3 schema at
``/api/schema/`` and its browsable docs at ``/api/docs/`` (Swagger UI served from this
site's static files, no outside network)."""

from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from bagalau.api import familiarization, kpi, kpi_sheet, periods, ranking, results

app_name = "api"

P = "participations/<int:pk>"
R = "results/<int:result_id>"

v1: list[URLPattern | URLResolver] = [
    # periods (R-SCHEDULE)
    path("periods/", periods.PeriodList.as_view(), name="periods"),
    path("periods/<int:period_id>/", periods.PeriodOne.as_view(), name="period"),
    path(
        "periods/<int:period_id>/participations/",
        periods.PeriodParticipations.as_view(),
        name="period_participations",
    ),
    # KPI plans and sheets (R-KPI-PLAN, R-KPI-SCORE, R-KPI-CHANGE)
    path(f"{P}/kpi-plan/", kpi.KpiPlanView.as_view(), name="kpi_plan"),
    path(f"{P}/kpi-plan/agree/", kpi.KpiPlanAgree.as_view(), name="kpi_plan_agree"),
    path(f"{P}/kpi-plan/approve/", kpi.KpiPlanApprove.as_view(), name="kpi_plan_approve"),
    path(f"{P}/kpi-plan/place/", kpi.KpiPlanPlace.as_view(), name="kpi_plan_place"),
    path(f"{P}/kpi-plan/change/", kpi.KpiPlanChange.as_view(), name="kpi_plan_change"),
    path(f"{P}/kpi-sheet/", kpi_sheet.KpiSheetView.as_view(), name="kpi_sheet"),
    path(f"{P}/kpi-sheet/open/", kpi_sheet.KpiSheetOpen.as_view(), name="kpi_sheet_open"),
    path(f"{P}/kpi-sheet/actuals/", kpi_sheet.KpiSheetActuals.as_view(), name="kpi_sheet_actuals"),
    path(f"{P}/kpi-sheet/marks/", kpi_sheet.KpiSheetMarks.as_view(), name="kpi_sheet_marks"),
    path(f"{P}/kpi-sheet/submit/", kpi_sheet.KpiSheetSubmit.as_view(), name="kpi_sheet_submit"),
    path(f"{P}/kpi-sheet/review/", kpi_sheet.KpiSheetReview.as_view(), name="kpi_sheet_review"),
    # ranking sheets (R-RANK)
    path(
        "periods/<int:period_id>/ranking/<int:evaluator_id>/",
        ranking.RankingTeam.as_view(),
        name="ranking_team",
    ),
    path(
        "periods/<int:period_id>/ranking/<int:evaluator_id>/submit/",
        ranking.RankingTeamSubmit.as_view(),
        name="ranking_team_submit",
    ),
    path(
        "ranking-sheets/<int:sheet_id>/", ranking.RankingSheetReview.as_view(), name="ranking_sheet"
    ),
    # results and bonus points (R-CONFIDENTIAL)
    path("results/", results.ResultList.as_view(), name="results"),
    path(f"{P}/result/", results.ResultOne.as_view(), name="result"),
    path(f"{P}/bonus/", results.BonusView.as_view(), name="bonus"),
    path(f"{P}/bonus/<int:award_id>/", results.BonusAwardOne.as_view(), name="bonus_award"),
    # familiarization and the application against a result (R-FAMILIARIZE, R-DISAGREE)
    path(
        f"{R}/familiarization/",
        familiarization.FamiliarizationView.as_view(),
        name="familiarization",
    ),
    path(
        f"{R}/familiarization/acknowledge/",
        familiarization.Acknowledge.as_view(),
        name="familiarization_acknowledge",
    ),
    path(
        f"{R}/familiarization/record/",
        familiarization.Record.as_view(),
        name="familiarization_record",
    ),
    path(
        f"{R}/familiarization/refusal/",
        familiarization.RecordRefusal.as_view(),
        name="familiarization_refusal",
    ),
    path(f"{R}/disagreement/", familiarization.Apply.as_view(), name="disagreement"),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file (?script), not inline.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
]
