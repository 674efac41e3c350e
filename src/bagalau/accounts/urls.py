from django.urls import path

from bagalau.accounts import views

app_name = "accounts"

urlpatterns = [
    path("bodies/<slug:code>/roles/", views.roles, name="roles"),
    path("bodies/<slug:code>/roles/grant/", views.grant_role, name="grant_role"),
    path(
        "bodies/<slug:code>/roles/<int:user_id>/<slug:role>/revoke/",
        views.revoke_role,
        name="revoke_role",
    ),
    path("bodies/<slug:code>/logins/create/", views.create_login, name="create_login"),
    path(
        "bodies/<slug:code>/logins/<int:user_id>/deactivate/",
        views.deactivate_login,
        name="deactivate_login",
    ),
]
