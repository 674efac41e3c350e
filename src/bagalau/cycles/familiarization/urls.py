"""Familiarization with results, the application against them, the refusal act."""

from django.urls import path

from bagalau.cycles.familiarization import views

urlpatterns = [
    path(
        "periods/<int:period_id>/familiarization/",
        views.hr_page,
        name="familiarization_list",
    ),
    path("results/<int:result_id>/acknowledge/", views.acknowledge, name="result_acknowledge"),
    path("results/<int:result_id>/disagreement/", views.disagreement, name="disagreement_submit"),
    path(
        "results/<int:result_id>/familiarization/",
        views.record,
        name="familiarization_record",
    ),
    path(
        "results/<int:result_id>/familiarization/refusal/",
        views.refusal,
        name="familiarization_refusal",
    ),
    path(
        "results/<int:result_id>/familiarization/refusal/act/",
        views.refusal_act,
        name="refusal_act",
    ),
]
