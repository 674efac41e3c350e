"""URL configuration: i18n, admin, the REST API, login/logout, then the pages."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from bagalau.accounts.views import LockoutLoginView

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("bagalau.api.urls")),
    path("login/", LockoutLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("bagalau.accounts.urls")),
    path("", include("bagalau.orgs.urls")),
    path("audit/", include("bagalau.audit.urls")),
    path("jobs/", include("bagalau.jobs.urls")),
    path("", include("bagalau.cycles.urls")),
    path("", include("bagalau.notify.urls")),
    path("", include("bagalau.web.urls")),
]
