"""The staff import and export pages (included by ``bagalau.orgs.urls``, namespace "orgs")."""

from django.urls import path

from bagalau.orgs.imports import views

urlpatterns = [
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("bodies/<slug:code>/import/", views.import_upload, name="import_upload"),
    path("bodies/<slug:code>/import/<int:job_id>/", views.import_job, name="import_job"),
    path("bodies/<slug:code>/import/<int:job_id>/apply/", views.import_apply, name="import_apply"),
    path("bodies/<slug:code>/import/<int:job_id>/retry/", views.import_retry, name="import_retry"),
    path(
        "bodies/<slug:code>/import/<int:job_id>/report.xlsx",
        views.import_report,
        name="import_report",
    ),
    path(
        "bodies/<slug:code>/import/<int:job_id>/errors.csv",
        views.import_issues,
        name="import_issues",
    ),
    path("bodies/<slug:code>/export.xlsx", views.export_staff, name="export_staff"),
]
