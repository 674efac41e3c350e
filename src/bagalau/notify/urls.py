"""Pages of notices and of the cycle's progress (namespace "notify")."""

from django.urls import path

from bagalau.notify import dashboard, views

app_name = "notify"

urlpatterns = [
    path("notifications/", views.notices, name="list"),
    path("notifications/<int:notice_id>/read/", views.mark_read, name="read"),
    path("notifications/read-all/", views.mark_all_read, name="read_all"),
    path("notifications/language/", views.notice_language, name="language"),
    path("my-work/count/", views.work_count, name="work_count"),
    path(
        "bodies/<slug:code>/periods/<str:period>/dashboard/",
        dashboard.dashboard,
        name="dashboard",
    ),
]
